package org.referralbridge.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.referralbridge.mapping.DryRun;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.mapping.ReferrerIdentifier;
import org.referralbridge.mapping.ReferrerLookup;
import org.referralbridge.server.referral.ReferralManagement;
import org.springframework.stereotype.Component;

/**
 * A profile tried on clinic IT's own resources: what it reads from each, which expression produced each value, and
 * whom the referral would be attributed to, by reading the EHR and the advocates only. Writes nothing anywhere.
 */
@Component
class DryRuns {

    /** More resources than this in one dry run are refused: it is for trying a profile, not for loading data. */
    static final int MAX_RESOURCES = 200;

    private final FhirContext fhirContext;
    private final ReferralManagement referrals;
    private final ReferrerSearch search;

    DryRuns(FhirContext fhirContext, ReferralManagement referrals, ReferrerSearch search) {
        this.fhirContext = fhirContext;
        this.referrals = referrals;
        this.search = search;
    }

    /**
     * @param json a FHIR R4 resource, or a Bundle whose entries are tried one by one
     * @throws InvalidDryRunInput when the JSON is not such a resource
     */
    DryRunReport run(String profileName, ProfileEvaluator evaluator, String json) {
        List<IBaseResource> resources = resources(json);
        List<DryRunReport.Result> results = new ArrayList<>();
        for (IBaseResource resource : resources) {
            if (resource.getIdElement().getIdPart() == null) {
                // a resource as clinic IT drafted it, before the EHR gave it an id
                resource.setId("dry-run-" + (results.size() + 1));
            }
            DryRun dryRun = evaluator.dryRun(resource);
            List<DryRunReport.Attribution> attributions = dryRun.lookups().stream()
                    .map(lookup -> attribution(lookup, dryRun))
                    .toList();
            results.add(new DryRunReport.Result(dryRun, attributions));
        }
        return new DryRunReport(profileName, true, results);
    }

    private DryRunReport.Attribution attribution(ReferrerLookup lookup, DryRun dryRun) {
        if (lookup instanceof ReferrerLookup.ByReferralCode byCode) {
            return byCode(byCode.referralCode());
        }
        if (lookup instanceof ReferrerLookup.ByReference byReference) {
            return byPatient("referrer-reference", byReference.reference());
        }
        if (lookup instanceof ReferrerLookup.ByIdentifier byIdentifier) {
            return search.byIdentifier(new ReferrerIdentifier(byIdentifier.system(), byIdentifier.value()))
                    .map(id -> byPatient("referrer-identifier", "Patient/" + id))
                    .orElseGet(() -> new DryRunReport.Attribution(
                            "referrer-identifier",
                            "no match",
                            null,
                            null,
                            List.of(),
                            "no single EHR Patient holds this identifier"));
        }
        ReferrerLookup.ByDescription byDescription = (ReferrerLookup.ByDescription) lookup;
        String patientId = dryRun.evidence().map(e -> e.patientId()).orElse(null);
        List<ReferrerSearch.ScoredCandidate> candidates = search.candidates(byDescription.description(), patientId);
        return new DryRunReport.Attribution(
                "referrer-name",
                candidates.isEmpty() ? "no match" : "review item",
                null,
                null,
                candidates,
                candidates.isEmpty()
                        ? "no EHR Patient resembles the referrer described"
                        : "would open a review item with " + candidates.size()
                                + " candidate(s) for the front desk; never linked without a staff decision");
    }

    private DryRunReport.Attribution byCode(String code) {
        ReferralManagement.CodeLookup found = referrals.lookUpCode(code);
        return found.advocate()
                .map(advocate -> new DryRunReport.Attribution(
                        "referral-code",
                        "advocate",
                        "Patient/" + advocate.patientId(),
                        advocate.referralCode(),
                        List.of(),
                        "the advocate holding this code"))
                .orElseGet(() -> new DryRunReport.Attribution(
                        "referral-code",
                        "no match",
                        null,
                        null,
                        List.of(),
                        found.unmatched().description()));
    }

    private DryRunReport.Attribution byPatient(String strategy, String reference) {
        String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : null;
        if (id == null) {
            return new DryRunReport.Attribution(
                    strategy, "no match", reference, null, List.of(), "only a Patient can be an advocate");
        }
        return referrals
                .advocateOfPatient(id)
                .map(advocate -> new DryRunReport.Attribution(
                        strategy, "advocate", reference, advocate.referralCode(), List.of(), "an enrolled advocate"))
                .orElseGet(() -> new DryRunReport.Attribution(
                        strategy, "no match", reference, null, List.of(), "this Patient is not an enrolled advocate"));
    }

    private List<IBaseResource> resources(String json) {
        IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(json);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new InvalidDryRunInput(
                    "the input is not a FHIR R4 resource in JSON: " + FhirMessages.withoutValues(e.getMessage()));
        }
        if (!(parsed instanceof Bundle bundle)) {
            return List.of(parsed);
        }
        List<IBaseResource> entries = bundle.getEntry().stream()
                .filter(entry -> entry.getResource() != null)
                .<IBaseResource>map(Bundle.BundleEntryComponent::getResource)
                .toList();
        if (entries.size() > MAX_RESOURCES) {
            throw new InvalidDryRunInput(
                    "the Bundle has " + entries.size() + " resources; a dry run takes at most " + MAX_RESOURCES);
        }
        return entries;
    }

    /** The request's input cannot be tried: not FHIR, or too much of it. */
    static class InvalidDryRunInput extends RuntimeException {
        InvalidDryRunInput(String message) {
            super(message);
        }
    }
}
