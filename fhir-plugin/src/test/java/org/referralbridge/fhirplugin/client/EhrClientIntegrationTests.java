package org.referralbridge.fhirplugin.client;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.referralbridge.fhirplugin.testing.InProcessFhirServer;
import org.referralbridge.fhirplugin.testing.Patients;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EhrClientIntegrationTests {

    private static final String OUR_EXTENSION = "https://referralbridge.org/fhir/StructureDefinition/referral-source";

    private final FhirContext fhirContext = FhirContext.forR4Cached();
    private InProcessFhirServer ehr;
    private EhrClient client;

    @BeforeAll
    void startEhr() {
        ehr = InProcessFhirServer.start(fhirContext);
        client = new EhrClient(fhirContext, EhrConnection.to(ehr::baseUrl));
    }

    @AfterAll
    void stopEhr() throws Exception {
        ehr.close();
    }

    @BeforeEach
    void emptyEhr() {
        ehr.clear();
    }

    @Test
    void readsTheCurrentVersionOfAResource() {
        String id = ehr.patients().store(Patients.withMrn("A-1")).getIdPart();

        Patient read = client.read(Patient.class, id).orElseThrow();

        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("A-1");
        assertThat(read.getIdElement().getVersionIdPart()).isEqualTo("1");
    }

    @Test
    void readOfAMissingResourceIsEmpty() {
        assertThat(client.read(Patient.class, "does-not-exist")).isEmpty();
    }

    @Test
    void readOfADeletedResourceIsEmpty() {
        IdType id = (IdType) ehr.patients().store(Patients.withMrn("A-2"));
        ehr.patients().delete(id.toUnqualifiedVersionless(), null);

        assertThat(client.read(Patient.class, id.getIdPart())).isEmpty();
    }

    @Test
    void updateWritesTheChangeAndKeepsNarrativeAndOtherExtensions() {
        Patient stored = Patients.documented("A-3");
        String narrative = stored.getText().getDivAsString();
        String id = ehr.patients().store(stored).getIdPart();

        WriteOutcome outcome = client.update(Patient.class, id, patient -> {
            patient.addExtension(OUR_EXTENSION, new StringType("friend"));
            return true;
        });

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.WRITTEN, "Patient", id, "2"));
        Patient after = client.read(Patient.class, id).orElseThrow();
        assertThat(after.getText().getDivAsString()).isEqualTo(narrative);
        assertThat(after.getExtensionByUrl(Patients.FOREIGN_EXTENSION)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("Main Street Pharmacy");
        assertThat(after.getExtension()).extracting(Extension::getUrl).contains(OUR_EXTENSION);
        assertThat(after.getIdentifierFirstRep().getValue()).isEqualTo("A-3");
    }

    @Test
    void updateWritesNothingWhenTheChangeFindsNothingToDo() {
        String id = ehr.patients().store(Patients.withMrn("A-4")).getIdPart();
        ehr.patients().clearCounts();

        WriteOutcome outcome = client.update(Patient.class, id, patient -> false);

        assertThat(outcome).isEqualTo(new WriteOutcome(WriteOutcome.Result.UNCHANGED, "Patient", id, "1"));
        assertThat(ehr.patients().getCountUpdate()).isZero();
    }

    @Test
    void updateOfAMissingResourceReportsNotFoundAndWritesNothing() {
        WriteOutcome outcome = client.update(Patient.class, "missing", patient -> true);

        assertThat(outcome.result()).isEqualTo(WriteOutcome.Result.NOT_FOUND);
        assertThat(ehr.patients().getStoredResources()).isEmpty();
    }

    @Test
    void conditionalCreateTwiceMakesOneResource() {
        String condition = "identifier=" + Patients.MRN_SYSTEM + "|B-1";

        CreateOutcome first = client.create(Patients.withMrn("B-1"), condition);
        CreateOutcome second = client.create(Patients.withMrn("B-1"), "Patient?" + condition);

        assertThat(ehr.patients().getStoredResources()).hasSize(1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
    }

    @Test
    void searchFollowsNextLinksAcrossPages() {
        for (int i = 0; i < 5; i++) {
            ehr.patients().store(Patients.withMrn("C-" + i));
        }

        List<List<IBaseResource>> pages =
                client.searchPages("Patient", Map.of("_count", List.of("2"))).toList();

        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(client.search("Patient", Map.of("_count", List.of("2"))))
                .map(resource -> ((Patient) resource).getIdentifierFirstRep().getValue())
                .containsExactlyInAnyOrder("C-0", "C-1", "C-2", "C-3", "C-4");
    }

    @Test
    void walksASearchPageByPageFromTheNextLinksItHandsOut() {
        for (int i = 0; i < 5; i++) {
            ehr.patients().store(Patients.withMrn("P-" + i));
        }

        SearchPage first = client.searchPage("Patient", Map.of("_count", List.of("2")));
        SearchPage second = client.nextPage(first.nextUrl());
        SearchPage third = client.nextPage(second.nextUrl());

        assertThat(first.resources()).hasSize(2);
        assertThat(first.total()).isEqualTo(5);
        assertThat(second.resources()).hasSize(2);
        assertThat(third.resources()).hasSize(1);
        assertThat(third.hasNext()).isFalse();
        assertThat(first.hasNext()).isTrue();
    }

    @Test
    void readsTheBaseUrlOnlyWhenCalledSoItMayBeKnownAfterConstruction() {
        AtomicReference<String> baseUrl = new AtomicReference<>();
        EhrClient late = new EhrClient(fhirContext, EhrConnection.to(baseUrl::get));
        String id = ehr.patients().store(Patients.withMrn("D-1")).getIdPart();

        baseUrl.set(ehr.baseUrl() + "/");

        assertThat(late.read(Patient.class, id)).isPresent();
    }

    @Test
    void sendsBasicCredentials() {
        EhrClient basic =
                new EhrClient(fhirContext, EhrConnection.to(ehr::baseUrl).withAuth(EhrAuth.basic("bridge", "s3cret")));

        basic.read(Patient.class, "any");

        assertThat(ehr.lastAuthorization()).contains("Basic YnJpZGdlOnMzY3JldA==");
    }

    @Test
    void sendsTheTokenOfTheProviderWithEachRequest() {
        AtomicReference<String> token = new AtomicReference<>("first");
        EhrClient bearer =
                new EhrClient(fhirContext, EhrConnection.to(ehr::baseUrl).withAuth(EhrAuth.tokens(token::get)));

        bearer.read(Patient.class, "any");
        assertThat(ehr.lastAuthorization()).contains("Bearer first");
        token.set("second");
        bearer.read(Patient.class, "any");

        assertThat(ehr.lastAuthorization()).contains("Bearer second");
    }
}
