package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * Puts the Referral Bridge SearchParameters into a JPA server: a conditional update by canonical URL for each
 * (creates it when missing, updates it when it differs, and changes nothing when it is already as in the package),
 * then a refresh of the server's SearchParameter registry so searches by them work at once.
 *
 * <p>HAPI indexes a resource when it is written, with the SearchParameters active at that moment. Resources written
 * before a SearchParameter was created or changed are indexed by a reindex job that HAPI starts on its own after
 * that change (JpaStorageSettings.markResourcesForReindexingUponSearchParameterChange, on by default); until it has
 * run, searches by the new parameter do not find them.
 */
final class SearchParameterInstaller {

    /** How many SearchParameters were created, updated, and found unchanged. */
    record Installed(int created, int updated, int unchanged) {}

    private final DaoRegistry daos;
    private final ISearchParamRegistry registry;

    SearchParameterInstaller(DaoRegistry daos, ISearchParamRegistry registry) {
        this.daos = daos;
        this.registry = registry;
    }

    Installed install(List<SearchParameter> searchParameters) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (SearchParameter searchParameter : searchParameters) {
            SearchParameter toStore = searchParameter.copy();
            // the server names it: the package's id may be taken by another SearchParameter there
            toStore.setId((String) null);
            String byUrl = "SearchParameter?url=" + URLEncoder.encode(searchParameter.getUrl(), StandardCharsets.UTF_8);
            DaoMethodOutcome outcome =
                    daos.getResourceDao(SearchParameter.class).update(toStore, byUrl, new SystemRequestDetails());
            if (Boolean.TRUE.equals(outcome.getCreated())) {
                created++;
            } else if (outcome.isNop()) {
                unchanged++;
            } else {
                updated++;
            }
        }
        registry.forceRefresh();
        return new Installed(created, updated, unchanged);
    }
}
