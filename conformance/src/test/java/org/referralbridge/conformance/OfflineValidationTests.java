package org.referralbridge.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator works offline. Every HTTP(S) request made through Java's standard networking goes, for the time of
 * this class, to a local proxy that only counts connections; the first test shows the trap catches a request.
 */
class OfflineValidationTests {

    private static final String[] PROXY_PROPERTIES = {
        "http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort", "http.nonProxyHosts"
    };
    private static final Map<String, String> saved = new HashMap<>();
    private static final AtomicInteger connections = new AtomicInteger();
    private static ServerSocket trap;

    @BeforeAll
    static void routeAllHttpThroughACountingTrap() throws IOException {
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(OfflineValidationTests::countConnections, "offline-trap");
        acceptor.setDaemon(true);
        acceptor.start();
        for (String property : PROXY_PROPERTIES) {
            saved.put(property, System.getProperty(property));
        }
        String port = String.valueOf(trap.getLocalPort());
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", port);
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", port);
        System.setProperty("http.nonProxyHosts", "");
    }

    @AfterAll
    static void restoreNetworking() throws IOException {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        trap.close();
    }

    @Test
    void trapCatchesARequestToTheFhirPackageRegistry() {
        int before = connections.get();

        assertThatThrownBy(() -> {
                    try (InputStream in = URI.create("https://packages2.fhir.org/packages/hl7.fhir.r4.core")
                            .toURL()
                            .openStream()) {
                        in.read();
                    }
                })
                .isInstanceOf(IOException.class);

        assertThat(connections.get()).isGreaterThan(before);
    }

    @Test
    void buildsAndValidatesWithoutAnyNetworkRequest() {
        int before = connections.get();

        ConformanceValidator validator = new ConformanceValidator(Conformance.CTX, Conformance.pkg());
        for (Resource resource : Conformance.pkg().resources()) {
            validator.validate(resource);
        }
        for (Resource example : Conformance.pkg().examples()) {
            assertThat(validator.validate(example).isValid()).isTrue();
        }
        assertThat(validator.validate(withCodesFromSystemsItDoesNotKnow()).issues())
                .isNotEmpty();

        assertThat(connections.get()).as("HTTP(S) connections attempted").isEqualTo(before);
    }

    /** SNOMED CT and a local system: a terminology server would be asked; an offline validator must not. */
    private static Patient withCodesFromSystemsItDoesNotKnow() {
        Patient patient = Patients.referredBy("Patient/advocate-anna", "ANNA-7Q2K");
        patient.setMaritalStatus(new CodeableConcept(new Coding("http://snomed.info/sct", "87915002", "Married")));
        patient.addIdentifier()
                .setType(new CodeableConcept(new Coding("https://ehr.example.org/id-types", "local-1", null)))
                .setValue("42");
        return patient;
    }

    private static void countConnections() {
        while (!trap.isClosed()) {
            try (Socket socket = trap.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                // closed at the end of the class
            }
        }
    }
}
