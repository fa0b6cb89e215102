package org.referralbridge.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.mapping.ReferralEvidence;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.Patients;
import org.referralbridge.server.profiles.MappingCatalog;
import org.referralbridge.server.profiles.ReferrerSearch;
import org.referralbridge.server.profiles.UnmappedValues;
import org.referralbridge.server.referral.ReferralManagement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Every evidence source feeds the same referral path. The EHR connection here uses the shipped
 * {@code intake-questionnaire} profile, so QuestionnaireResponses come in through Subscriptions like Patients do; and
 * the same new patient, described the four ways the shipped profiles read, ends as the same linked referral.
 */
@IntegrationTest
@TestPropertySource(properties = "referralbridge.mapping.profile=intake-questionnaire")
class EvidenceSourcesIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HOW_DID_YOU_HEAR = "https://referralbridge.org/fhir/Questionnaire/how-did-you-hear";
    private static final String HOW_HEARD_CODES = "https://referralbridge.org/fhir/CodeSystem/how-did-you-hear";
    private static final String VENDOR = "http://vendor.example.com/fhir/";
    private static final String CODE_GIVEN = "https://referralbridge.org/fhir/sid/referral-code-given";

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhirContext;

    @Autowired
    MappingCatalog catalog;

    @Autowired
    EhrClient ehrClient;

    @Autowired
    ReferrerSearch referrerSearch;

    @Autowired
    UnmappedValues unmappedValues;

    @Autowired
    ReferralManagement referrals;

    @Autowired
    Settlements settlements;

    Ehr ehr;
    AdminApi admin;
    RestClient api;

    @BeforeEach
    void connect() {
        ehr = new Ehr(fhirContext, port);
        admin = new AdminApi(port);
        api = AdminApi.client(port);
    }

    @Test
    void anIntakeFormLinksItsPatientWhetherItArrivesBeforeOrAfterThePatientsOwnEvidence() {
        String advocate = ehr.create(Patients.person("Ines", "Prado", "1984-09-09"));
        String code = admin.enrol(advocate);

        String formFirst = ehr.create(Patients.existing("FormFirst"));
        create(intakeForm(formFirst, "friend", code, null));
        awaitStatus(formFirst, "LINKED");
        ehr.client()
                .update()
                .resource(withChannel(ehr.patient(formFirst), "social"))
                .execute();

        String patientFirst = ehr.create(withChannel(Patients.existing("PatientFirst"), "social"));
        awaitStatus(patientFirst, "CHANNEL_ONLY");
        create(intakeForm(patientFirst, "friend", code, null));
        awaitStatus(patientFirst, "LINKED");

        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
            for (String patient : List.of(formFirst, patientFirst)) {
                assertThat(admin.referralOf(patient))
                        .containsEntry("status", "LINKED")
                        .containsEntry("referrerReference", "Patient/" + advocate)
                        .containsEntry("channel", "friend-family");
            }
        });
    }

    @Test
    void theSamePatientDescribedFourWaysEndsAsTheSameLinkedReferral() {
        String ana = ehr.create(Patients.person("Ana", "Rivera", "1980-04-12"));
        String code = admin.enrol(ana);

        String nativeWay = ehr.create(Patients.referredWithCode("NativeWay", code));
        record("referral-bridge-native", patientEvidence("referral-bridge-native", nativeWay));

        Patient withIdentifier = Patients.existing("IdentifierWay");
        withIdentifier.addIdentifier(new Identifier().setSystem(CODE_GIVEN).setValue(code));
        String identifierWay = ehr.create(withIdentifier);
        record("identifier-code", patientEvidence("identifier-code", identifierWay));

        String formWay = ehr.create(Patients.existing("FormWay"));
        String form = create(intakeForm(formWay, "friend", code, null));
        record(
                "intake-questionnaire",
                catalog.evaluator("intake-questionnaire")
                        .orElseThrow()
                        .questionnaireEvidence(ehrClient
                                .read(QuestionnaireResponse.class, form)
                                .orElseThrow()));

        Patient vendor = Patients.existing("VendorWay");
        vendor.addExtension(
                VENDOR + "StructureDefinition/how-heard", new Coding(VENDOR + "CodeSystem/how-heard", "FRND", null));
        vendor.addExtension(VENDOR + "StructureDefinition/referred-by", new StringType("Ana Rivera"));
        String vendorWay = ehr.create(vendor);
        record("vendor-extension", patientEvidence("vendor-extension", vendorWay));
        assertThat(admin.referralOf(vendorWay)).containsEntry("status", "IN_REVIEW");
        confirmOnlyOpenItemOf(vendorWay, ana);

        for (String patient : List.of(nativeWay, identifierWay, formWay, vendorWay)) {
            assertThat(admin.referralOf(patient))
                    .as("the referral of Patient/%s", patient)
                    .containsEntry("status", "LINKED")
                    .containsEntry("referrerReference", "Patient/" + ana)
                    .containsEntry("channel", "friend-family");
        }
    }

    private Optional<ReferralEvidence> patientEvidence(String profile, String patientId) {
        ProfileEvaluator evaluator = catalog.evaluator(profile).orElseThrow();
        return evaluator.patientEvidence(ehr.patient(patientId));
    }

    /** What the inbox does with the evidence, with the given profile instead of the connection's. */
    private void record(String profile, Optional<ReferralEvidence> evidence) {
        assertThat(evidence).as("the evidence %s reads", profile).isPresent();
        ProfileEvaluator evaluator = catalog.evaluator(profile).orElseThrow();
        FinishedEncounters encounters = new FinishedEncounters(
                ehrClient, evaluator, referrals, new BatchPrefetch(ehrClient), unmappedValues, settlements);
        new EvidenceClaims(evaluator.profile(), referrerSearch, unmappedValues, referrals, encounters)
                .record(evidence.get());
    }

    @SuppressWarnings("unchecked")
    private void confirmOnlyOpenItemOf(String referred, String referrer) {
        Map<String, Object> page =
                api.get().uri("/api/review-items?size=500").retrieve().body(new ParameterizedTypeReference<>() {});
        List<Map<String, Object>> items = ((List<Map<String, Object>>) page.get("items"))
                .stream()
                        .filter(item -> referred.equals(item.get("referredPatientId")))
                        .toList();
        assertThat(items).hasSize(1);
        api.post()
                .uri("/api/review-items/{id}/confirm", items.get(0).get("id"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", referrer))
                .retrieve()
                .toBodilessEntity();
    }

    private String create(QuestionnaireResponse response) {
        return ehr.client().create().resource(response).execute().getId().getIdPart();
    }

    private void awaitStatus(String patientId, String status) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(admin.referralOf(patientId)).containsEntry("status", status));
    }

    private static QuestionnaireResponse intakeForm(String patientId, String howHeard, String code, String who) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(HOW_DID_YOU_HEAR);
        response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
        response.setSubject(new Reference("Patient/" + patientId));
        response.setAuthoredElement(new DateTimeType("2026-11-30T09:15:00Z"));
        response.addItem().setLinkId("how-heard").addAnswer().setValue(new Coding(HOW_HEARD_CODES, howHeard, null));
        if (code != null) {
            response.addItem().setLinkId("referral-code").addAnswer().setValue(new StringType(code));
        }
        if (who != null) {
            response.addItem().setLinkId("who-referred").addAnswer().setValue(new StringType(who));
        }
        return response;
    }

    private static Patient withChannel(Patient patient, String channel) {
        patient.getExtension().removeIf(extension -> ReferralSource.URL.equals(extension.getUrl()));
        Extension source = patient.addExtension().setUrl(ReferralSource.URL);
        source.addExtension(ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, channel, null));
        return patient;
    }
}
