package org.referralbridge.server.reward;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.Patients;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.compliance.RewardKind;
import org.referralbridge.server.reward.RewardScenario.ReferredSetup;
import org.referralbridge.server.reward.RewardScenario.ReferrerSetup;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Drives referrals through the whole loop as a clinic would: Patients, Coverages and Encounters created in the sandbox
 * EHR, its notifications flowing to the service; and reads what came of them through the admin API and the ledger.
 */
final class RewardPipeline {

    /** How long one step of the pipeline may take. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a step may take while many scenarios are driven at once. */
    static final Duration BUSY_WAIT = Duration.ofSeconds(60);

    static final String STAFF_SYSTEM = "http://clinic.example.org/staff";

    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final Ehr ehr;
    private final AdminApi api;
    private final RestClient http;
    private final JdbcClient jdbc;

    RewardPipeline(Ehr ehr, AdminApi api, RestClient http, JdbcClient jdbc) {
        this.ehr = ehr;
        this.api = api;
        this.http = http;
        this.jdbc = jdbc;
    }

    /** The referrer and the (last) referred patient of a driven scenario. */
    record Driven(String referrerId, String referredId) {}

    /**
     * Sets the scenario up and makes its referrals, up to the qualifying visit of each; the last referral is left to
     * settle on its own.
     */
    Driven drive(RewardScenario scenario, String tag, RewardLedger ledger) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String referrerId = referrer(scenario.referrerSetup(), tag, now);
        coverage(referrerId, scenario.referrer(), now);
        String code = api.enrol(referrerId);
        if (scenario.history() != null) {
            seedHistory(ledger, referrerId, tag, scenario.history());
        }
        String referredId = null;
        for (int i = 0; i < scenario.referrals(); i++) {
            referredId = refer(scenario, tag + "n" + i, code, now);
            if (i < scenario.referrals() - 1) {
                awaitRewarded(referredId, BUSY_WAIT);
            }
        }
        return new Driven(referrerId, referredId);
    }

    /** An existing patient with a finished visit 60 days ago (unless the setup says otherwise). */
    private String referrer(ReferrerSetup setup, String tag, Instant now) {
        Patient referrer = Patients.existing("Referrer" + tag);
        if (setup == ReferrerSetup.STAFF) {
            referrer.addIdentifier().setSystem(STAFF_SYSTEM).setValue("STAFF-1");
        }
        String id = ehr.create(referrer);
        if (setup != ReferrerSetup.WITHOUT_VISIT) {
            awaitDone("Encounter", visit(id, now.minus(60, ChronoUnit.DAYS)), BUSY_WAIT);
        }
        return id;
    }

    private String refer(RewardScenario scenario, String tag, String code, Instant now) {
        Integer capturedDaysAgo = scenario.timing().capturedDaysAgo();
        Instant captured = capturedDaysAgo == null ? null : now.minus(capturedDaysAgo, ChronoUnit.DAYS);
        String id;
        if (scenario.referredSetup() == ReferredSetup.NEW) {
            id = ehr.create(referred("Referred" + tag, code, scenario.program(), captured));
        } else if (scenario.referredSetup() == ReferredSetup.EARLIER_VISIT) {
            Instant capturedAt = captured == null ? now : captured;
            id = ehr.create(Patients.existing("Referred" + tag));
            awaitDone("Encounter", visit(id, capturedAt.minus(10, ChronoUnit.DAYS)), BUSY_WAIT);
            addReferralSource(id, code, scenario.program(), capturedAt);
        } else if (scenario.referredSetup() == ReferredSetup.VISIT_BEFORE_CODE) {
            id = ehr.create(Patients.existing("Referred" + tag));
            awaitDone("Encounter", visit(id, now.minus(1, ChronoUnit.HOURS)), BUSY_WAIT);
            addReferralSource(id, code, scenario.program(), captured);
        } else {
            id = ehr.create(Patients.existing("Referred" + tag));
            api.enrol(id);
            // the enrolment's write-back first, so that the update below does not undo it
            await().atMost(BUSY_WAIT).until(() -> ehr.patient(id).getExtensionByUrl(ReferralAdvocate.URL) != null);
            addReferralSource(id, code, scenario.program(), captured);
        }
        coverage(id, scenario.referred(), now);
        await().atMost(BUSY_WAIT).until(() -> api.referralOf(id), referral -> referral != null);
        visit(id, now.plus(scenario.timing().visitInDays(), ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
        return id;
    }

    /** A new patient who gave the code at the front desk, naming the program, captured then (null: not said). */
    static Patient referred(String family, String code, String program, Instant captured) {
        Patient patient = Patients.existing(family);
        patient.addExtension(referralSource(code, program, captured));
        return patient;
    }

    static Extension referralSource(String code, String program, Instant captured) {
        Extension source = new Extension(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL,
                new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", "Friend or family member"));
        source.addExtension(ReferralSource.CODE, new StringType(code));
        if (program != null) {
            source.addExtension(ReferralSource.PROGRAM, new StringType(program));
        }
        if (captured != null) {
            source.addExtension(ReferralSource.CAPTURED_DATE, new DateTimeType(captured.toString()));
        }
        return source;
    }

    private void addReferralSource(String patientId, String code, String program, Instant captured) {
        Patient patient = ehr.patient(patientId);
        patient.addExtension(referralSource(code, program, captured));
        ehr.client().update().resource(patient).execute();
    }

    /** Gives the patient the Coverage (none for {@link Coverages#NONE}) and waits until the service has seen it. */
    void coverage(String patientId, Coverages coverage, Instant now) {
        if (!coverage.any()) {
            return;
        }
        String id = ehr.client()
                .create()
                .resource(coverage.of(patientId, now))
                .execute()
                .getId()
                .getIdPart();
        awaitDone("Coverage", id, BUSY_WAIT);
    }

    /** A finished ambulatory Encounter of the patient ending at {@code end}; returns its id. */
    String visit(String patientId, Instant end) {
        Encounter encounter = Patients.finishedEncounter(patientId, end.toString());
        encounter.setClass_(new Coding(ACT_CODE, "AMB", "ambulatory"));
        encounter
                .getPeriod()
                .setStartElement(
                        new DateTimeType(end.minus(30, ChronoUnit.MINUTES).toString()));
        return ehr.client().create().resource(encounter).execute().getId().getIdPart();
    }

    /** Records in the ledger a reward the referrer received earlier this year, as an earlier referral would have. */
    private static void seedHistory(
            RewardLedger ledger, String referrerId, String tag, RewardScenario.History history) {
        RewardItem item = new RewardItem("earlier-program", "earlier-gift", RewardKind.IN_KIND, history.value());
        List<ComplianceRule> checked = history.texasMedicaid()
                ? List.of(
                        ComplianceRule.AKS_REFERRED_BENEFICIARY,
                        ComplianceRule.OIG_CASH_EQUIVALENT,
                        ComplianceRule.OIG_NOMINAL_ITEM_15,
                        ComplianceRule.OIG_NOMINAL_YEAR_75,
                        ComplianceRule.TX_MEDICAID_10_25)
                : List.of(
                        ComplianceRule.AKS_REFERRED_BENEFICIARY,
                        ComplianceRule.OIG_CASH_EQUIVALENT,
                        ComplianceRule.OIG_NOMINAL_ITEM_15,
                        ComplianceRule.OIG_NOMINAL_YEAR_75);
        ComplianceDecision decision = new ComplianceDecision(
                item,
                ComplianceOutcome.ALLOW,
                Optional.of(item),
                checked,
                checked,
                List.of("earlier this year"),
                Optional.empty());
        ledger.earn(new EarnedReward(
                        UUID.randomUUID(),
                        referrerId,
                        "earlier-" + tag,
                        "earlier-program",
                        "first-visit",
                        decision,
                        "system"))
                .orElseThrow();
    }

    /** The referral of the patient, or null. */
    Map<String, Object> referralOf(String patientId) {
        return api.referralOf(patientId);
    }

    /** Waits until the patient's referral is settled (rewarded or rejected) and returns it. */
    Map<String, Object> awaitSettled(String patientId, Duration wait) {
        return await().atMost(wait)
                .until(
                        () -> api.referralOf(patientId),
                        referral -> referral != null
                                && (referral.get("settledAt") != null || "REJECTED".equals(referral.get("status"))));
    }

    /**
     * Waits until the patient's referral is settled and, unless rejected, its rewards are recorded (the view's
     * {@code rewardedAt}: rewards may be recorded a moment after the settlement, by the sweep); returns it.
     */
    Map<String, Object> awaitRewarded(String patientId, Duration wait) {
        return await().atMost(wait)
                .until(
                        () -> api.referralOf(patientId),
                        referral -> referral != null
                                && (referral.get("rewardedAt") != null || "REJECTED".equals(referral.get("status"))));
    }

    /** GET /api/rewards?referral=<id>. */
    List<Map<String, Object>> rewardsOfReferral(Object referralId) {
        return items(http.get()
                .uri("/api/rewards?referral={id}&size=50", referralId)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {}));
    }

    /** GET /api/rewards?referrer=<patientId>. */
    List<Map<String, Object>> rewardsOfReferrer(String patientId) {
        return items(http.get()
                .uri("/api/rewards?referrer={id}&size=50", patientId)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {}));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    /** The ledger's EARNED rows of a referral. */
    long earnedRows(Object referralId) {
        return jdbc.sql("select count(*) from reward_ledger where referral_id = ? and entry_kind = 'EARNED'")
                .param(UUID.fromString(referralId.toString()))
                .query(Long.class)
                .single();
    }

    /** The ledger's EARNED rows of a referrer. */
    long earnedRowsOfReferrer(String patientId) {
        return jdbc.sql("select count(*) from reward_ledger where referrer_patient_id = ? and entry_kind = 'EARNED'")
                .param(patientId)
                .query(Long.class)
                .single();
    }

    /** How many notifications of the resource the service has handled. */
    long done(String type, String id) {
        return jdbc.sql("select count(*) from inbox where resource_type = ? and resource_id = ? and status = 'done'")
                .param(type)
                .param(id)
                .query(Long.class)
                .single();
    }

    void awaitDone(String type, String id, Duration wait) {
        await().atMost(wait).until(() -> done(type, id) > 0);
    }

    /** The retail value in USD an item id of the test programs names ({@code credit-15}: 15; no number: 0). */
    static BigDecimal valueOf(String itemId) {
        String last = itemId.substring(itemId.lastIndexOf('-') + 1);
        return last.matches("\\d+") ? new BigDecimal(last) : BigDecimal.ZERO;
    }

    /** The kind of an item of the test programs, by the name it starts with. */
    static String kindOf(String itemId) {
        if (itemId.startsWith("credit-")) {
            return "service-credit";
        }
        if (itemId.startsWith("spa-kit-") || itemId.startsWith("mug-")) {
            return "in-kind";
        }
        if (itemId.startsWith("cash-")) {
            return "cash";
        }
        if (itemId.startsWith("gift-card-")) {
            return "cash-equivalent";
        }
        if (itemId.startsWith("donation-")) {
            return "donation";
        }
        return "recognition";
    }
}
