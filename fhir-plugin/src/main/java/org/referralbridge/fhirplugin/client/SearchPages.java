package org.referralbridge.fhirplugin.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;

/** Walks a search result page by page, fetching the next page only when asked for it. */
final class SearchPages implements Iterator<List<IBaseResource>> {

    private final Supplier<Bundle> firstPage;
    private final UnaryOperator<Bundle> nextPage;
    private Bundle current;

    SearchPages(Supplier<Bundle> firstPage, UnaryOperator<Bundle> nextPage) {
        this.firstPage = firstPage;
        this.nextPage = nextPage;
    }

    @Override
    public boolean hasNext() {
        return current == null || current.getLink(Bundle.LINK_NEXT) != null;
    }

    @Override
    public List<IBaseResource> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no further search page");
        }
        current = current == null ? firstPage.get() : nextPage.apply(current);
        return matches(current);
    }

    static SearchPage page(Bundle bundle) {
        Bundle.BundleLinkComponent next = bundle.getLink(Bundle.LINK_NEXT);
        return new SearchPage(
                matches(bundle), bundle.hasTotal() ? bundle.getTotal() : null, next == null ? null : next.getUrl());
    }

    /** Only the resources that matched: included resources and OperationOutcomes are not search results. */
    private static List<IBaseResource> matches(Bundle page) {
        return page.getEntry().stream()
                .filter(Bundle.BundleEntryComponent::hasResource)
                .filter(entry -> !entry.hasSearch()
                        || !entry.getSearch().hasMode()
                        || entry.getSearch().getMode() == SearchEntryMode.MATCH)
                .map(entry -> (IBaseResource) entry.getResource())
                .toList();
    }
}
