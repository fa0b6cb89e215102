package org.referralbridge.server.ingest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.EncounterFacts;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.server.profiles.UnmappedValues;
import org.referralbridge.server.referral.FinishedEncounter;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.referral.ReferralView;

/**
 * Finished Encounters, as the mapping profile reads them, handed to the referral module: one as it changes, or all of
 * a patient's when their referral is recorded, because an Encounter can reach us before its patient's referral does
 * (two workers, catch-up order, a code added in a later Patient version) and would otherwise never count.
 */
class FinishedEncounters {

    /** Encounter statuses that take a finished Encounter back. */
    static final java.util.Set<String> WITHDRAWN = java.util.Set.of("cancelled", "entered-in-error");

    private final EhrClient ehr;
    private final ProfileEvaluator mapping;
    private final ReferralManagement referrals;
    private final BatchPrefetch prefetch;
    private final UnmappedValues unmapped;
    private final Settlements settlements;

    FinishedEncounters(
            EhrClient ehr,
            ProfileEvaluator mapping,
            ReferralManagement referrals,
            BatchPrefetch prefetch,
            UnmappedValues unmapped,
            Settlements settlements) {
        this.ehr = ehr;
        this.settlements = settlements;
        this.unmapped = unmapped;
        this.prefetch = prefetch;
        this.mapping = mapping;
        this.referrals = referrals;
    }

    /**
     * An Encounter changed; it matters only for referred patients, when it is finished (it may qualify their
     * referral, which is then settled) or cancelled or entered in error (a referral it qualified is reversed).
     */
    void changed(Encounter encounter) {
        EncounterFacts facts = mapping.encounterFacts(encounter);
        if (facts.patientId().isPresent()
                && facts.status().map(WITHDRAWN::contains).orElse(false)) {
            settlements.encounterWithdrawn(facts.patientId().get(), facts.encounterId());
            return;
        }
        finished(encounter)
                .ifPresent(
                        found -> settleIfQualified(referrals.encounterFinished(found.patientId(), found.encounter())));
    }

    private void settleIfQualified(Optional<ReferralView> referral) {
        referral.filter(view -> view.status() == ReferralStatus.QUALIFIED && view.rewardedAt() == null)
                .ifPresent(view -> settlements.settle(view.id()));
    }

    /**
     * Looks up the patient's finished Encounters in the EHR and notes them on their referral: the first of them, or,
     * under a program, each in the order they finished until one qualifies the referral (the first may be of a kind
     * that does not qualify).
     */
    void lookUpFor(String patientId) {
        Stream<? extends IBaseResource> encounters = prefetch.takeFinishedEncounters(patientId)
                .<Stream<? extends IBaseResource>>map(List::stream)
                .orElseGet(() ->
                        ehr.search("Encounter", Map.of("patient", List.of(patientId), "status", List.of("finished"))));
        List<FinishedEncounter> inOrder = encounters
                .filter(Encounter.class::isInstance)
                .map(resource -> finished((Encounter) resource))
                .flatMap(Optional::stream)
                .filter(found -> found.patientId().equals(patientId))
                .map(Finished::encounter)
                .sorted(Comparator.comparing(FinishedEncounter::finishedAt))
                .toList();
        if (inOrder.isEmpty()) {
            return;
        }
        if (!referrals.qualificationApplies()) {
            referrals.encounterFinished(patientId, inOrder.get(0));
            return;
        }
        for (FinishedEncounter encounter : inOrder) {
            Optional<ReferralView> referral = referrals.encounterFinished(patientId, encounter);
            boolean qualified = referral.map(view -> view.status() == ReferralStatus.QUALIFIED)
                    .orElse(true); // no referral: nothing to qualify
            if (qualified) {
                settleIfQualified(referral);
                return;
            }
        }
    }

    private Optional<Finished> finished(Encounter encounter) {
        EncounterFacts facts = mapping.encounterFacts(encounter);
        unmapped.count(mapping.profile().name(), UnmappedValues.SERVICE_LINE, facts.unmappedServiceLines());
        if (facts.patientId().isEmpty()
                || !facts.status().map("finished"::equals).orElse(false)) {
            return Optional.empty();
        }
        Instant at = facts.periodEnd()
                .or(facts::periodStart)
                .map(time -> time.toInstant())
                .orElseGet(() -> lastUpdated(encounter));
        return Optional.of(new Finished(
                facts.patientId().get(),
                new FinishedEncounter(
                        facts.encounterId(),
                        at,
                        facts.classCode().orElse(null),
                        facts.serviceLine().orElse(null))));
    }

    private static Instant lastUpdated(IBaseResource encounter) {
        return encounter.getMeta().getLastUpdated() == null
                ? Instant.now()
                : encounter.getMeta().getLastUpdated().toInstant();
    }

    private record Finished(String patientId, FinishedEncounter encounter) {}
}
