package org.referralbridge.fhirplugin.notification;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.referralbridge.fhirplugin.testing.Patients;

class PushedBodyCheckTests {

    private final PushedBodyCheck check = new PushedBodyCheck();

    @Test
    void acceptsAFhirResourceOfTheUrlsTypeAndId() {
        Patient patient = Patients.documented("M-1");
        patient.setId("p1");

        assertThatCode(() -> check.check("Patient", "p1", encode(patient))).doesNotThrowAnyException();
    }

    @Test
    void acceptsAResourceWithoutId() {
        assertThatCode(() -> check.check("Patient", "p1", encode(Patients.withMrn("M-2"))))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyIdWhenTheUrlNamesNone() {
        assertThatCode(() -> check.check("Bundle", null, bytes("{\"resourceType\":\"Bundle\",\"id\":\"b7\"}")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check.check("Bundle", null, bytes("{\"resourceType\":\"Patient\",\"id\":\"b7\"}")))
                .isInstanceOf(PushedBodyRejected.class)
                .hasMessage("resourceType is Patient, expected Bundle");
    }

    @Test
    void checksOnlyTheGivenSliceOfABuffer() {
        byte[] buffer = bytes("xx{\"resourceType\":\"Patient\",\"id\":\"p1\"}yy");

        assertThatCode(() -> check.check("Patient", "p1", buffer, 2, buffer.length - 4))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnEmptyBody() {
        assertRejected(new byte[0], BodyProblem.EMPTY, "body is empty");
    }

    @Test
    void rejectsMalformedJsonNamingWhere() {
        String body = "{\n  \"resourceType\": \"Patient\",\n  \"name\": [{\"family\": Jane}]\n}";

        assertRejected(bytes(body), BodyProblem.MALFORMED_JSON, "body is not valid JSON at line 3, column 28");
    }

    @Test
    void rejectsTruncatedJson() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Doe\"";

        assertRejected(
                bytes(body), BodyProblem.MALFORMED_JSON, "body is not valid JSON: it ends early at line 1, column 60");
    }

    @Test
    void rejectsContentAfterTheObject() {
        String body = "{\"resourceType\":\"Patient\"} {\"resourceType\":\"Patient\"}";

        assertRejected(
                bytes(body),
                BodyProblem.MALFORMED_JSON,
                "body is not valid JSON: more content follows the object at line 1, column 29");
    }

    @Test
    void rejectsAJsonArray() {
        assertRejected(
                bytes("[{\"resourceType\":\"Patient\",\"id\":\"p1\"}]"),
                BodyProblem.NOT_AN_OBJECT,
                "body is a JSON array, expected a JSON object");
    }

    @Test
    void rejectsAJsonObjectThatIsNoFhirResource() {
        assertRejected(
                bytes("{\"name\":\"Jane Doe\",\"birthDate\":\"1970-01-01\"}"),
                BodyProblem.NOT_A_RESOURCE,
                "body has no resourceType string: not a FHIR resource");
    }

    @Test
    void rejectsAResourceTypeThatIsNotAString() {
        assertRejected(
                bytes("{\"resourceType\":{\"name\":\"Patient\"}}"),
                BodyProblem.NOT_A_RESOURCE,
                "body has no resourceType string: not a FHIR resource");
    }

    @Test
    void rejectsAnotherResourceTypeThanTheUrls() {
        assertRejected(
                bytes("{\"resourceType\":\"Observation\",\"id\":\"p1\"}"),
                BodyProblem.WRONG_RESOURCE_TYPE,
                "resourceType is Observation, expected Patient");
    }

    @Test
    void doesNotEchoAResourceTypeThatIsNoTypeName() {
        assertRejected(
                bytes("{\"resourceType\":\"Jane Doe 555-1234\"}"),
                BodyProblem.WRONG_RESOURCE_TYPE,
                "resourceType is not a resource type name, expected Patient");
    }

    @Test
    void rejectsAnotherIdThanTheUrlsWithoutQuotingIt() {
        assertRejected(
                bytes("{\"resourceType\":\"Patient\",\"id\":\"p2\"}"),
                BodyProblem.WRONG_ID,
                "id in the body differs from the id in the URL Patient/p1");
    }

    @Test
    void rejectsDuplicateKeysThatCouldSmuggleAnotherTypeOrId() {
        assertRejected(
                bytes("{\"resourceType\":\"Patient\",\"resourceType\":\"Observation\"}"),
                BodyProblem.DUPLICATE_KEY,
                "body has the key resourceType twice in one object at line 1, column 41");
        assertRejected(
                bytes("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"id\":\"p2\"}"),
                BodyProblem.DUPLICATE_KEY,
                "body has the key id twice in one object at line 1, column 41");
        assertRejected(
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Doe\",\"family\":\"Jane\"}]}"),
                BodyProblem.DUPLICATE_KEY,
                "body has the key family twice in one object at line 1, column 59");
    }

    private void assertRejected(byte[] body, BodyProblem problem, String message) {
        assertThatThrownBy(() -> check.check("Patient", "p1", body))
                .isInstanceOfSatisfying(PushedBodyRejected.class, rejected -> {
                    org.assertj.core.api.Assertions.assertThat(rejected.problem())
                            .isEqualTo(problem);
                    org.assertj.core.api.Assertions.assertThat(rejected.code()).isEqualTo(problem.code());
                })
                .hasMessage(message)
                .message()
                .doesNotContain("Jane", "Doe", "1970", "555");
    }

    private static byte[] encode(Patient patient) {
        return bytes(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
