package org.referralbridge.fhirplugin.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import java.util.List;
import org.hl7.fhir.r4.model.Subscription;

/** Subscriptions in memory, searchable by {@code _tag} as on a HAPI FHIR JPA server. */
public final class TaggedSubscriptionProvider extends HashMapResourceProvider<Subscription> {

    TaggedSubscriptionProvider(FhirContext fhirContext) {
        super(fhirContext, Subscription.class);
    }

    @Search
    public synchronized List<Subscription> searchByTag(@RequiredParam(name = "_tag") TokenParam tag) {
        return getStoredResources().stream()
                .filter(subscription -> subscription.getMeta().getTag().stream()
                        .anyMatch(coding -> tag.getSystem().equals(coding.getSystem())
                                && tag.getValue().equals(coding.getCode())))
                .toList();
    }
}
