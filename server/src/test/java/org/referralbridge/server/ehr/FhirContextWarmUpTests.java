package org.referralbridge.server.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The application's FhirContext is the same whether {@code main} warmed it up beside Spring's start or not. */
class FhirContextWarmUpTests {

    @Test
    void theWarmedUpContextGoesToTheFirstTakerOnlyWithTheApplicationsSettings() {
        FhirContextWarmUp.start();
        FhirContextWarmUp.start(); // a second start changes nothing

        FhirContext warmed = FhirContextWarmUp.takeOrBuild();
        FhirContext another = FhirContextWarmUp.takeOrBuild();

        assertThat(another).isNotSameAs(warmed);
        assertApplicationSettings(warmed);
        assertApplicationSettings(another);
        // what the warm-up loaded is there for the first FHIRPath engine
        assertThat(warmed.newFhirPath()
                        .evaluate(
                                new Patient().setActive(true),
                                "Patient.active",
                                org.hl7.fhir.r4.model.BooleanType.class))
                .singleElement()
                .extracting(b -> b.getValue())
                .isEqualTo(true);
    }

    @Test
    void withoutAWarmUpTheContextIsBuiltOnTheSpot() {
        assertApplicationSettings(FhirContextWarmUp.takeOrBuild());
    }

    private static void assertApplicationSettings(FhirContext fhirContext) {
        assertThat(fhirContext.getVersion().getVersion()).isEqualTo(FhirVersionEnum.R4);
        Provenance provenance = new Provenance().addTarget(new Reference("Patient/1/_history/2"));
        String json = fhirContext.newJsonParser().encodeResourceToString(provenance);
        assertThat(json).contains("Patient/1/_history/2");
        // lenient about values: an invalid gender is read, not refused
        Patient patient = fhirContext
                .newJsonParser()
                .parseResource(Patient.class, "{\"resourceType\":\"Patient\",\"gender\":\"unknown-value\"}");
        assertThat(patient).isNotNull();
    }
}
