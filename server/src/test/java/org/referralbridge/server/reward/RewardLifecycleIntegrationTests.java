package org.referralbridge.server.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralReward;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * A reward's life through the real pipeline (sandbox EHR, notifications, workers) under a program that pays a $10
 * service credit per successful referral after a program admin's approval: approve, issue, void, override, and the
 * reversal of a referral whose qualifying Encounter is cancelled, before and after the reward was issued.
 */
@IntegrationTest
@TestPropertySource(properties = "referralbridge.programs.directory=src/test/resources/programs-rewards-lifecycle")
class RewardLifecycleIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    JdbcClient jdbc;

    Ehr ehr;
    AdminApi api;
    RestClient http;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        api = new AdminApi(port);
        http = AdminApi.client(port);
    }

    @Test
    void aQualifiedReferralEarnsARewardThatAwaitsApprovalAndIsThenApprovedAndIssued() {
        Referral referral = qualifiedReferral("Approve");
        Map<String, Object> reward = onlyRewardOf(referral.id());

        assertThat(reward)
                .containsEntry("status", "awaiting-approval")
                .containsEntry("outcome", "allow")
                .containsEntry("itemId", "credit-10")
                .containsEntry("itemKind", "service-credit")
                .containsEntry("ruleId", "first-visit")
                .containsEntry("referrerPatientId", referral.advocatePatientId())
                .containsEntry("referredPatientId", referral.referredPatientId());
        assertThat(reward.get("retailValue")).hasToString("10.0");
        assertThat(reward.get("ledgerEntryId")).isNotNull();
        assertThat(api.referralOf(referral.referredPatientId()).get("rewardedAt"))
                .isNotNull();

        String id = (String) reward.get("id");
        assertThat(post(id, "issue", null)).isEqualTo(409);
        assertThat(post(id, "approve", null)).isEqualTo(200);
        assertThat(reward(id)).containsEntry("status", "approved").containsEntry("approvedBy", AdminApi.USER);
        assertThat(post(id, "approve", null)).isEqualTo(409);
        assertThat(post(id, "issue", null)).isEqualTo(200);
        assertThat(reward(id)).containsEntry("status", "issued").containsEntry("issuedBy", AdminApi.USER);
        assertThat(post(id, "void", Map.of("reason", "changed our mind"))).isEqualTo(409);
        assertThat(ledgerKinds(referral.id())).containsExactly("EARNED");
    }

    @Test
    void voidingNeedsAReasonAndRecordsTheVoidInTheLedger() {
        Referral referral = qualifiedReferral("Void");
        String id = (String) onlyRewardOf(referral.id()).get("id");

        assertThat(post(id, "void", Map.of())).isEqualTo(400);
        assertThat(post(id, "void", Map.of("reason", "duplicate household"))).isEqualTo(200);

        assertThat(reward(id))
                .containsEntry("status", "voided")
                .containsEntry("voidReason", "duplicate household")
                .containsEntry("voidedBy", AdminApi.USER);
        assertThat(ledgerKinds(referral.id())).containsExactly("EARNED", "VOIDED");
        assertThat(post(id, "void", Map.of("reason", "again"))).isEqualTo(409);
    }

    @Test
    void cancellingTheQualifyingEncounterReversesTheReferralAndVoidsTheUnissuedReward() {
        Referral referral = qualifiedReferral("Cancel");
        String id = (String) onlyRewardOf(referral.id()).get("id");

        await().atMost(WAIT).until(() -> "1".equals(successesShownInEhr(referral.advocatePatientId())));

        withdraw(referral.encounterId(), Encounter.EncounterStatus.CANCELLED);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referral.referredPatientId()))
                        .containsEntry("status", "REVERSED")
                        .containsEntry("reversalReason", "QUALIFYING_ENCOUNTER_CANCELLED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(reward(id)).containsEntry("status", "voided"));
        // the reversed referral no longer counts for the advocate, here and on their chart
        assertThat(http.get()
                        .uri("/api/advocates/{code}", referral.advocateCode())
                        .retrieve()
                        .body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {}))
                .containsEntry("successfulReferrals", 0);
        await().atMost(WAIT).until(() -> "0".equals(successesShownInEhr(referral.advocatePatientId())));
        assertThat(ledgerKinds(referral.id())).containsExactly("EARNED", "VOIDED");
        assertThat(filtered("status=voided&referral=" + referral.id())).hasSize(1);

        // and in the EHR: the ReferralReward shows it voided, its approval Task is cancelled, both valid
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(rewardStatusInEhr(id)).isEqualTo("voided"));
        Basic basic = basicOf(id);
        assertValid(basic);
        List<Task> tasks =
                search(Task.class, "Task?focus=Basic/" + basic.getIdElement().getIdPart());
        assertThat(tasks).singleElement().satisfies(task -> {
            assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
            assertValid(task);
        });
        assertThat(search(
                        Provenance.class,
                        "Provenance?target=Basic/" + basic.getIdElement().getIdPart()))
                .hasSize(2)
                .allSatisfy(this::assertValid);
    }

    private String rewardStatusInEhr(String rewardId) {
        Basic basic = basicOf(rewardId);
        return basic == null
                ? null
                : ((Coding) basic.getExtensionByUrl(ReferralReward.STATUS).getValue()).getCode();
    }

    private Basic basicOf(String rewardId) {
        List<Basic> found =
                search(Basic.class, "Basic?identifier=" + ReferralReward.IDENTIFIER_SYSTEM + "|" + rewardId);
        assertThat(found).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> List<T> search(Class<T> type, String url) {
        org.hl7.fhir.r4.model.Bundle bundle = ehr.client()
                .search()
                .byUrl(url)
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class)
                .execute();
        return bundle.getEntry().stream()
                .map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private void assertValid(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        org.referralbridge.conformance.ValidationReport report =
                org.referralbridge.server.Conformance.validator(fhirContext).validate(resource);
        assertThat(report.isValid()).as(report.summary()).isTrue();
    }

    @Test
    void anIssuedRewardStaysIssuedWhenItsReferralIsReversedAndTheLedgerRecordsACorrection() {
        Referral referral = qualifiedReferral("Issued");
        String id = (String) onlyRewardOf(referral.id()).get("id");
        assertThat(post(id, "approve", null)).isEqualTo(200);
        assertThat(post(id, "issue", null)).isEqualTo(200);

        withdraw(referral.encounterId(), Encounter.EncounterStatus.ENTEREDINERROR);

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(reward(id).get("reversedAfterIssueAt")).isNotNull());
        assertThat(reward(id)).containsEntry("status", "issued");
        assertThat(api.referralOf(referral.referredPatientId())).containsEntry("status", "REVERSED");
        assertThat(ledgerKinds(referral.id())).containsExactly("EARNED", "CORRECTION");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReferredMedicareBeneficiaryGetsAThankYouOnlyUntilAProgramAdminOverridesWithAReason() {
        Referral referral = qualifiedReferral("Override", true);
        Map<String, Object> reward = onlyRewardOf(referral.id());
        assertThat(reward)
                .containsEntry("status", "blocked")
                .containsEntry("outcome", "thank-you-only")
                .containsEntry("ledgerEntryId", null);
        assertThat((List<Object>) reward.get("ruleIds")).contains("AKS-REFERRED-BENEFICIARY");
        assertThat((List<Object>) ((Map<?, ?>) reward.get("inputs")).get("referredPrograms"))
                .containsExactly("MEDICARE");
        String id = (String) reward.get("id");

        assertThat(post(id, "override", Map.of("reason", " "))).isEqualTo(400);
        assertThat(post(id, "override", Map.of("reason", "Compliance officer approved, memo 12")))
                .isEqualTo(200);

        assertThat(reward(id))
                .containsEntry("status", "awaiting-approval")
                .containsEntry("outcome", "allow")
                .containsEntry("overriddenBy", AdminApi.USER)
                .containsEntry("overrideReason", "Compliance officer approved, memo 12");
        assertThat((List<Object>) reward(id).get("ruleIds")).contains("OVERRIDE");
        assertThat(ledgerKinds(referral.id())).containsExactly("EARNED");
        assertThat(post(id, "override", Map.of("reason", "again"))).isEqualTo(409);
    }

    @Test
    void aReferrerWithoutAFinishedEncounterOfTheirOwnIsNotEligibleAndEarnsNothing() {
        String advocate = ehr.create(Patients.existing("NoVisitAdvocate"));
        String code = api.enrol(advocate);
        String referred = ehr.create(Patients.referredWithCode("NoVisitReferred", code));
        await().atMost(WAIT).until(() -> api.referralOf(referred) != null);
        finishedEncounter(referred, Instant.now().plus(1, ChronoUnit.DAYS));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.referralOf(referred))
                        .containsEntry("status", "REJECTED")
                        .containsEntry("rejectionReason", "REFERRER_NOT_ELIGIBLE"));
        String referralId = (String) api.referralOf(referred).get("id");
        assertThat(filtered("referral=" + referralId)).isEmpty();
    }

    @Test
    void aReferralFallsUnderTheProgramItsEvidenceNamesAndIsApprovedWhenThatProgramNeedsNoApproval() {
        String advocate = ehr.create(Patients.existing("SpringAdvocate"));
        String code = api.enrol(advocate);
        org.hl7.fhir.r4.model.Patient patient = Patients.referredWithCode("SpringReferred", code);
        patient.getExtensionByUrl(ReferralSource.URL)
                .addExtension(ReferralSource.PROGRAM, new org.hl7.fhir.r4.model.StringType("spring-special"));
        String referred = ehr.create(patient);
        await().atMost(WAIT).until(() -> api.referralOf(referred) != null);
        finishedEncounter(referred, Instant.now().plus(1, ChronoUnit.DAYS));

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(api.referralOf(referred).get("rewardedAt")).isNotNull());
        assertThat(api.referralOf(referred))
                .containsEntry("programKey", "spring-special")
                .containsEntry("qualifiedProgramKey", "spring-special");
        Map<String, Object> reward =
                onlyRewardOf((String) api.referralOf(referred).get("id"));
        assertThat(reward)
                .containsEntry("programKey", "spring-special")
                .containsEntry("itemId", "credit-5")
                .containsEntry("status", "approved")
                .containsEntry("approvedBy", "system");
    }

    @Test
    void unknownRewardsAndBadFiltersAreProblemsNamingWhatIsWrong() {
        assertThat(post("00000000-0000-0000-0000-000000000000", "approve", null))
                .isEqualTo(404);
        String body = http.get()
                .uri("/api/rewards?status=paid")
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(body).startsWith("400").contains("status must be one of").contains("awaiting-approval");
    }

    private record Referral(
            String id, String advocatePatientId, String referredPatientId, String encounterId, String advocateCode) {}

    /** The advocate's count of successful referrals as their chart in the EHR shows it, or null without one. */
    private String successesShownInEhr(String advocatePatientId) {
        org.hl7.fhir.r4.model.Extension advocate = ehr.patient(advocatePatientId)
                .getExtensionByUrl(org.referralbridge.conformance.Canonicals.ReferralAdvocate.URL);
        if (advocate == null
                || advocate.getExtensionByUrl(
                                org.referralbridge.conformance.Canonicals.ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        == null) {
            return null;
        }
        return advocate.getExtensionByUrl(
                        org.referralbridge.conformance.Canonicals.ReferralAdvocate.SUCCESSFUL_REFERRALS)
                .getValueAsPrimitive()
                .getValueAsString();
    }

    private Referral qualifiedReferral(String name) {
        return qualifiedReferral(name, false);
    }

    private Referral qualifiedReferral(String name, boolean referredOnMedicare) {
        String advocate = ehr.create(Patients.existing(name + "Advocate"));
        finishedEncounter(advocate, Instant.now().minus(30, ChronoUnit.DAYS));
        String code = api.enrol(advocate);
        String referred = ehr.create(Patients.referredWithCode(name + "Referred", code));
        if (referredOnMedicare) {
            medicare(referred);
        }
        await().atMost(WAIT).until(() -> api.referralOf(referred) != null);
        String encounter = finishedEncounter(referred, Instant.now().plus(1, ChronoUnit.DAYS));
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(api.referralOf(referred).get("rewardedAt")).isNotNull());
        return new Referral((String) api.referralOf(referred).get("id"), advocate, referred, encounter, code);
    }

    private void medicare(String patientId) {
        Coverage coverage = new Coverage();
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/" + patientId));
        coverage.setType(new CodeableConcept(new Coding("https://nahdo.org/sopt", "1", "Medicare")));
        coverage.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2020-01-01"));
        coverage.addPayor().setDisplay("Medicare");
        ehr.client().create().resource(coverage).execute();
    }

    private String finishedEncounter(String patientId, Instant end) {
        Encounter encounter = Patients.finishedEncounter(patientId, end.toString());
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        return ehr.client().create().resource(encounter).execute().getId().getIdPart();
    }

    private void withdraw(String encounterId, Encounter.EncounterStatus status) {
        Encounter encounter = ehr.client()
                .read()
                .resource(Encounter.class)
                .withId(encounterId)
                .execute();
        encounter.setStatus(status);
        ehr.client().update().resource(encounter).execute();
    }

    private Map<String, Object> onlyRewardOf(String referralId) {
        List<Map<String, Object>> rewards = filtered("referral=" + referralId);
        assertThat(rewards).hasSize(1);
        return rewards.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> filtered(String query) {
        Map<String, Object> page = http.get()
                .uri("/api/rewards?" + query)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        return (List<Map<String, Object>>) page.get("items");
    }

    private Map<String, Object> reward(String id) {
        return http.get()
                .uri("/api/rewards/{id}", id)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
    }

    private int post(String id, String action, Object body) {
        RestClient.RequestBodySpec request = http.post().uri("/api/rewards/{id}/{action}", id, action);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> response.getStatusCode().value());
    }

    private List<String> ledgerKinds(String referralId) {
        return jdbc.sql("select entry_kind from reward_ledger where referral_id = ? order by recorded_at, entry_kind")
                .param(java.util.UUID.fromString(referralId))
                .query(String.class)
                .list();
    }
}
