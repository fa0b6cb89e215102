package org.referralbridge.server.staff;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.referralbridge.mapping.CoverageFacts;
import org.referralbridge.mapping.DryRun;
import org.referralbridge.mapping.EncounterFacts;
import org.referralbridge.mapping.ReferralEvidence;
import org.referralbridge.mapping.TraceStep;
import org.referralbridge.server.profiles.DryRunReport;

/**
 * A dry run's report as the dry-run page shows it: per resource, what the profile read (label and value), whom the
 * referral would go to, and the trace of every expression. Values come from clinic IT's own pasted input.
 */
record ClinicItDryRunView(String profile, List<ResultView> results) {

    static ClinicItDryRunView of(DryRunReport report) {
        return new ClinicItDryRunView(
                report.profile(), report.results().stream().map(ResultView::of).toList());
    }

    record ResultView(
            String resource,
            List<Fact> facts,
            List<AttributionView> referrer,
            List<TraceStep> trace,
            List<String> notes) {

        static ResultView of(DryRunReport.Result result) {
            DryRun run = result.dryRun();
            String resource =
                    run.resourceId().isEmpty() ? run.resourceType() : run.resourceType() + "/" + run.resourceId();
            List<Fact> facts = new ArrayList<>();
            run.evidence().ifPresent(evidence -> evidence(evidence, facts));
            run.encounter().ifPresent(encounter -> encounter(encounter, facts));
            run.coverage().ifPresent(coverage -> coverage(coverage, facts));
            return new ResultView(
                    resource,
                    facts,
                    result.referrer().stream().map(AttributionView::of).toList(),
                    run.trace(),
                    run.notes());
        }

        private static void evidence(ReferralEvidence evidence, List<Fact> facts) {
            facts.add(new Fact("Evidence from", evidence.sourceResourceType() + "/" + evidence.sourceResourceId()));
            facts.add(new Fact("Referred patient", "Patient/" + evidence.patientId()));
            add(facts, "Referral code", evidence.referralCode());
            facts.add(new Fact("Channel", evidence.channel().code()));
            add(facts, "Referrer reference", evidence.referrerReference());
            add(facts, "Program", evidence.program());
            add(facts, "Captured", evidence.capturedAt().map(OffsetDateTime::toString));
            add(facts, "Capture method", evidence.method());
            add(
                    facts,
                    "Referrer identifier",
                    evidence.referrerIdentifier()
                            .map(id -> id.system() == null ? id.value() : id.system() + "|" + id.value()));
            evidence.referrerDescription()
                    .filter(description -> !description.isEmpty())
                    .ifPresent(description -> facts.add(
                            new Fact("Referrer described by", String.join(", ", description.presentFields()))));
            if (!evidence.unmappedChannels().isEmpty()) {
                facts.add(new Fact(
                        "Channel values the map did not know",
                        evidence.unmappedChannels().stream()
                                .map(Object::toString)
                                .collect(Collectors.joining(", "))));
            }
        }

        private static void encounter(EncounterFacts encounter, List<Fact> facts) {
            facts.add(new Fact("Encounter", "Encounter/" + encounter.encounterId()));
            add(facts, "Patient", encounter.patientId().map(id -> "Patient/" + id));
            add(facts, "Status", encounter.status());
            add(facts, "Class", encounter.classCode());
            add(facts, "Service line", encounter.serviceLine());
            add(facts, "Started", encounter.periodStart().map(OffsetDateTime::toString));
            add(facts, "Ended", encounter.periodEnd().map(OffsetDateTime::toString));
            if (!encounter.unmappedServiceLines().isEmpty()) {
                facts.add(new Fact(
                        "Service-line values the map did not know",
                        encounter.unmappedServiceLines().stream()
                                .map(Object::toString)
                                .collect(Collectors.joining(", "))));
            }
        }

        private static void coverage(CoverageFacts coverage, List<Fact> facts) {
            facts.add(new Fact("Coverage", "Coverage/" + coverage.coverageId()));
            add(facts, "Beneficiary", coverage.beneficiaryPatientId().map(id -> "Patient/" + id));
            add(facts, "Status", coverage.status());
            facts.add(new Fact(
                    "Government programs",
                    coverage.federalPrograms().isEmpty()
                            ? "none recognised"
                            : coverage.federalPrograms().stream()
                                    .map(program -> program.name().toLowerCase(java.util.Locale.ROOT))
                                    .collect(Collectors.joining(", "))));
            add(facts, "Plan state", coverage.state());
            add(facts, "Starts", coverage.periodStart().map(OffsetDateTime::toString));
            add(facts, "Ends", coverage.periodEnd().map(OffsetDateTime::toString));
        }

        private static void add(List<Fact> facts, String label, Optional<String> value) {
            value.ifPresent(v -> facts.add(new Fact(label, v)));
        }
    }

    record Fact(String label, String value) {}

    record AttributionView(String strategy, String outcome, String referrer, String explanation) {

        static AttributionView of(DryRunReport.Attribution attribution) {
            String referrer = attribution.referrer();
            if (attribution.referralCode() != null) {
                referrer = (referrer == null ? "" : referrer + ", ") + "code " + attribution.referralCode();
            }
            if (!attribution.candidates().isEmpty()) {
                referrer = attribution.candidates().stream()
                        .map(candidate -> "Patient/" + candidate.patientId() + " (score " + candidate.score() + ")")
                        .collect(Collectors.joining(", "));
            }
            return new AttributionView(
                    attribution.strategy(),
                    attribution.outcome(),
                    referrer == null ? "—" : referrer,
                    attribution.explanation());
        }
    }
}
