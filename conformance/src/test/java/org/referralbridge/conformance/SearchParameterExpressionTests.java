package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves each SearchParameter expression is real FHIRPath over our extensions: HAPI's FHIRPath engine (the one a
 * HAPI JPA server indexes with) finds the expected value in the example Patients, of a type the JPA server indexes
 * for the parameter's type (Reference for reference; Coding or string for token).
 */
class SearchParameterExpressionTests {

    private static final IFhirPath fhirPath = Conformance.CTX.newFhirPath();

    /** Per SearchParameter code: the example it finds, and what it finds there as text. */
    private static final Map<String, Expected> EXPECTED = Map.of(
            Canonicals.PatientSearch.REFERRAL_REFERRER,
                    new Expected("referred-by-anna", Reference.class, "Patient/advocate-anna"),
            Canonicals.PatientSearch.REFERRAL_CHANNEL,
                    new Expected(
                            "referred-by-anna", Coding.class, Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM + "|patient"),
            Canonicals.PatientSearch.REFERRAL_CODE, new Expected("referred-by-anna", StringType.class, "ANNA-7Q2K"),
            Canonicals.PatientSearch.ADVOCATE_CODE, new Expected("advocate-anna", StringType.class, "ANNA-7Q2K"));

    /** Per SearchParameter code: what it finds in {@link #referredAdvocate()}. */
    private static final Map<String, String> EXPECTED_IN_BUILT = Map.of(
            Canonicals.PatientSearch.REFERRAL_REFERRER, "RelatedPerson/aunt-june",
            Canonicals.PatientSearch.REFERRAL_CHANNEL, Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM + "|patient",
            Canonicals.PatientSearch.REFERRAL_CODE, "JUNE-55",
            Canonicals.PatientSearch.ADVOCATE_CODE, "BEN-9");

    record Expected(String exampleId, Class<? extends IBase> type, String text) {}

    /** Referred by aunt June with her code, and an advocate with a code of his own. */
    private static Patient referredAdvocate() {
        Patient patient = Patients.referredBy("RelatedPerson/aunt-june", "JUNE-55");
        patient.getExtension().addAll(Patients.advocate("BEN-9").getExtension());
        return patient;
    }

    static Stream<Named<SearchParameter>> searchParameters() {
        return Conformance.pkg().searchParameters().stream().map(parameter -> Named.of(parameter.getCode(), parameter));
    }

    @Test
    void everySearchParameterOfThePackageHasAnExpectation() {
        assertThat(Conformance.pkg().searchParameters())
                .extracting(SearchParameter::getCode)
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchParameters")
    void findsTheExpectedValueInTheExamplePatient(SearchParameter parameter) {
        Expected expected = EXPECTED.get(parameter.getCode());
        Patient example = Conformance.pkg().example(Patient.class, expected.exampleId());

        List<IBase> found = fhirPath.evaluate(example, parameter.getExpression(), IBase.class);

        assertThat(found).singleElement().isInstanceOf(expected.type());
        assertThat(text(found.get(0))).isEqualTo(expected.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchParameters")
    void findsTheValueInAPatientBuiltInCode(SearchParameter parameter) {
        Patient referred = Patients.referredBy("RelatedPerson/aunt-june", "JUNE-55");
        referred.getExtension().addAll(Patients.advocate("BEN-9").getExtension());

        List<IBase> found = fhirPath.evaluate(referred, parameter.getExpression(), IBase.class);

        assertThat(found)
                .singleElement()
                .extracting(SearchParameterExpressionTests::text)
                .isIn(
                        "RelatedPerson/aunt-june",
                        Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM + "|patient",
                        "JUNE-55",
                        "BEN-9");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("searchParameters")
    void findsNothingInAPatientWithoutOurExtensions(SearchParameter parameter) {
        Patient plain = Patients.named("Carl", "Plain");

        assertThat(fhirPath.evaluate(plain, parameter.getExpression(), IBase.class))
                .isEmpty();
    }

    @Test
    void referralCodeAndAdvocateCodeLookInDifferentExtensions() {
        Patient advocate = Conformance.pkg().example(Patient.class, "advocate-anna");

        assertThat(fhirPath.evaluate(advocate, expressionOf(Canonicals.PatientSearch.REFERRAL_CODE), IBase.class))
                .isEmpty();
        assertThat(fhirPath.evaluate(advocate, expressionOf(Canonicals.PatientSearch.ADVOCATE_CODE), IBase.class))
                .hasSize(1);
    }

    private static String expressionOf(String code) {
        return Conformance.pkg().searchParameters().stream()
                .filter(parameter -> parameter.getCode().equals(code))
                .findFirst()
                .orElseThrow()
                .getExpression();
    }

    private static String text(IBase value) {
        if (value instanceof Reference reference) {
            return reference.getReference();
        }
        if (value instanceof Coding coding) {
            return coding.getSystem() + "|" + coding.getCode();
        }
        return ((StringType) value).getValue();
    }
}
