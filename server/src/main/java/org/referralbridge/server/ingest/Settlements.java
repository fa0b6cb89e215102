package org.referralbridge.server.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.CoverageFacts;
import org.referralbridge.mapping.EncounterFacts;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.server.compliance.BeneficiaryStatus;
import org.referralbridge.server.program.PracticeProperties;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.program.ProgramView;
import org.referralbridge.server.referral.ReferralSettlement;
import org.referralbridge.server.referral.ReferralSettlement.Case;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.referral.RejectionReason;
import org.referralbridge.server.reward.DecisionInputs;
import org.referralbridge.server.reward.RewardLifecycle;
import org.referralbridge.server.reward.RewardRecording;
import org.referralbridge.server.reward.RewardRecording.SettledReferral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles qualified referrals under their program and records their rewards: the part of the pipeline that reads
 * the EHR for the program's terms (the referrer's identifiers and finished Encounters, the referred patient's earlier
 * Encounters, both people's Coverages) and hands plain facts to the referral, reward and compliance modules. Every
 * step is idempotent: a worker, a repeated notification and the sweep may all settle the same referral, and the
 * second changes nothing.
 */
@Component
class Settlements {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private final ReferralSettlement settlement;
    private final RewardRecording recording;
    private final RewardLifecycle lifecycle;
    private final ProgramCatalog programs;
    private final PracticeProperties practice;
    private final EhrClient ehr;
    private final ProfileEvaluator mapping;
    private final Clock clock;

    Settlements(
            ReferralSettlement settlement,
            RewardRecording recording,
            RewardLifecycle lifecycle,
            ProgramCatalog programs,
            PracticeProperties practice,
            EhrClient ehr,
            ProfileEvaluator mapping,
            Clock clock) {
        this.settlement = settlement;
        this.recording = recording;
        this.lifecycle = lifecycle;
        this.programs = programs;
        this.practice = practice;
        this.ehr = ehr;
        this.mapping = mapping;
        this.clock = clock;
    }

    /** Settles the referral if it is qualified and not settled, then records its rewards if they are not. */
    void settle(UUID referralId) {
        Optional<Case> found = settlement.caseOf(referralId);
        if (found.isEmpty()) {
            return;
        }
        Case referral = found.get();
        Optional<ProgramDocument> program = programOf(referral);
        if (referral.awaitsSettlement()) {
            Optional<RejectionReason> rejection = rejection(referral, program);
            referral = (rejection.isPresent()
                            ? settlement.reject(referralId, rejection.get())
                            : settlement.settleAsSuccess(referralId))
                    .orElse(referral);
        }
        if (referral.awaitsRewards()) {
            DecisionInputs inputs = inputs(referral);
            settlement.recordRewards(
                    referralId,
                    locked -> program.ifPresent(terms -> recording.record(
                            new SettledReferral(
                                    locked.referralId(),
                                    locked.advocateId(),
                                    locked.advocatePatientId(),
                                    locked.advocateCode(),
                                    locked.advocateEnrolledAt(),
                                    locked.referredPatientId(),
                                    locked.successCountedAt()),
                            terms,
                            inputs,
                            from -> settlement.successesOf(locked.advocateId(), from, locked.successCountedAt()))));
        }
    }

    /** The qualifying Encounter of a patient's referral was cancelled or entered in error: reverse it. */
    void encounterWithdrawn(String patientId, String encounterId) {
        settlement
                .encounterWithdrawn(patientId, encounterId)
                .filter(referral -> referral.status() == ReferralStatus.REVERSED)
                .ifPresent(referral -> lifecycle.reverse(referral.referralId()));
    }

    /** Settles what workers left unsettled (a crash, an EHR outage) and moves held rewards on. */
    void sweep(int max) {
        for (UUID referralId : settlement.awaiting(max)) {
            try {
                settle(referralId);
            } catch (RuntimeException e) {
                log.warn("Settling referral {} failed, the next sweep tries again: {}", referralId, e.getMessage());
            }
        }
        lifecycle.releaseDueHolds(max);
    }

    private Optional<ProgramDocument> programOf(Case referral) {
        String key = referral.qualifiedProgramKey() != null ? referral.qualifiedProgramKey() : referral.programKey();
        return key == null ? Optional.empty() : programs.program(key).map(ProgramView::program);
    }

    /** The first of the program's terms the referral fails, in the order staff would check them. */
    private Optional<RejectionReason> rejection(Case referral, Optional<ProgramDocument> found) {
        Instant qualifiedAt = referral.qualifiedAt() == null ? clock.instant() : referral.qualifiedAt();
        if (found.isEmpty()
                || !found.get().activeOn(qualifiedAt.atZone(ZoneOffset.UTC).toLocalDate())) {
            return Optional.of(RejectionReason.PROGRAM_INACTIVE);
        }
        ProgramDocument program = found.get();
        ProgramDocument.Eligibility eligibility = program.eligibility();
        if (eligibility != null && staff(referral.advocatePatientId(), eligibility)) {
            return Optional.of(RejectionReason.REFERRER_IS_STAFF);
        }
        boolean needsVisit = eligibility == null || !Boolean.FALSE.equals(eligibility.requireFinishedEncounter());
        if (needsVisit
                && finishedEncounters(referral.advocatePatientId()).findAny().isEmpty()) {
            return Optional.of(RejectionReason.REFERRER_NOT_ELIGIBLE);
        }
        if (existingPatient(referral)) {
            return Optional.of(RejectionReason.EXISTING_PATIENT);
        }
        if (recording.limitReached(referral.advocatePatientId(), program, qualifiedAt)) {
            return Optional.of(RejectionReason.LIMIT_REACHED);
        }
        return Optional.empty();
    }

    private boolean staff(String patientId, ProgramDocument.Eligibility eligibility) {
        if (eligibility.excludedPatients().contains(patientId)
                || eligibility.excludedPatients().contains("Patient/" + patientId)) {
            return true;
        }
        if (eligibility.excludedIdentifiers().isEmpty()) {
            return false;
        }
        return ehr.read(Patient.class, patientId)
                .map(patient -> patient.getIdentifier().stream()
                        .anyMatch(identifier -> eligibility
                                .excludedIdentifiers()
                                .contains(identifier.getSystem() + "|" + identifier.getValue())))
                .orElse(false);
    }

    /**
     * Whether the referred patient was a patient before the referral: enrolled as an advocate before it, or with a
     * finished Encounter that ended before the evidence's own time (without that time, an Encounter that reached us
     * before the referral may well be the referred visit itself, so it does not count against the patient).
     */
    private boolean existingPatient(Case referral) {
        if (referral.referredAdvocateSince() != null
                && referral.referredAdvocateSince().isBefore(referral.referredAt())) {
            return true;
        }
        if (referral.capturedAt() == null) {
            return false;
        }
        return finishedEncounters(referral.referredPatientId())
                .map(this::finishedAt)
                .flatMap(Optional::stream)
                .anyMatch(end -> end.isBefore(referral.capturedAt()));
    }

    private Stream<EncounterFacts> finishedEncounters(String patientId) {
        return ehr.search("Encounter", Map.of("patient", List.of(patientId), "status", List.of("finished")))
                .filter(Encounter.class::isInstance)
                .map(mapping::encounterFacts)
                .filter(facts -> facts.patientId().map(patientId::equals).orElse(false))
                .filter(facts -> facts.status().map("finished"::equals).orElse(false));
    }

    private Optional<Instant> finishedAt(EncounterFacts facts) {
        return facts.periodEnd().or(facts::periodStart).map(time -> time.toInstant());
    }

    /** The Coverages of both people, as the compliance decision reads them. */
    private DecisionInputs inputs(Case referral) {
        List<String> coverageIds = new ArrayList<>();
        List<CoverageFacts> referrerCoverages = coverages(referral.advocatePatientId(), coverageIds);
        List<CoverageFacts> referredCoverages = coverages(referral.referredPatientId(), coverageIds);
        return new DecisionInputs(
                BeneficiaryStatus.at(referrerCoverages, clock.instant()),
                BeneficiaryStatus.at(referredCoverages, referral.referredAt()),
                coverageIds,
                practice.stateCode(),
                null);
    }

    private List<CoverageFacts> coverages(String patientId, Collection<String> ids) {
        List<CoverageFacts> found = ehr.search("Coverage", Map.of("beneficiary", List.of("Patient/" + patientId)))
                .map(resource -> (IBaseResource) resource)
                .map(mapping::coverageFacts)
                .filter(facts ->
                        facts.beneficiaryPatientId().map(patientId::equals).orElse(false))
                .toList();
        found.forEach(facts -> ids.add("Coverage/" + facts.coverageId()));
        return found;
    }
}
