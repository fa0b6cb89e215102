package org.referralbridge.server.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How EHR settings turn into a client, and how a wrong one stops the start with the property's name. */
class EhrConfigurationTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EhrConfiguration.class, EhrBaseUrl.class, Properties.class)
            .withBean(SimpleMeterRegistry.class)
            .withPropertyValues("referralbridge.ehr.base-url=https://ehr.example.org/fhir");

    @Test
    void buildsAClientForSmartBackendServicesWithAKeyFromAPemFile(@TempDir Path keys) throws Exception {
        Path pem = rsaKey(keys);

        context.withPropertyValues(
                        "referralbridge.ehr.auth.type=smart-backend",
                        "referralbridge.ehr.auth.smart.client-id=referral-bridge",
                        "referralbridge.ehr.auth.smart.kid=key-1",
                        "referralbridge.ehr.auth.smart.token-endpoint=https://ehr.example.org/oauth/token",
                        "referralbridge.ehr.auth.smart.private-key-pem=" + pem)
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started).hasSingleBean(EhrClient.class);
                });
    }

    @Test
    void refusesToStartWithoutTheSettingItNeedsAndNamesIt() {
        context.withPropertyValues("referralbridge.ehr.auth.type=smart-backend", "referralbridge.ehr.auth.smart.kid=k")
                .run(started -> assertThat(started)
                        .getFailure()
                        .hasStackTraceContaining("referralbridge.ehr.auth.smart.private-key-pem"));
        context.withPropertyValues("referralbridge.ehr.auth.type=bearer")
                .run(started ->
                        assertThat(started).getFailure().hasStackTraceContaining("referralbridge.ehr.auth.token"));
    }

    @Test
    void refusesAnUnknownAuthTypeAndABaseUrlThatIsNoUrl() {
        context.withPropertyValues("referralbridge.ehr.auth.type=kerberos")
                .run(started ->
                        assertThat(started).getFailure().hasStackTraceContaining("referralbridge.ehr.auth.type"));
        new ApplicationContextRunner()
                .withUserConfiguration(EhrConfiguration.class, EhrBaseUrl.class, Properties.class)
                .withBean(SimpleMeterRegistry.class)
                .withPropertyValues("referralbridge.ehr.base-url=ehr.example.org")
                .run(started ->
                        assertThat(started).getFailure().hasStackTraceContaining("referralbridge.ehr.base-url"));
    }

    private static Path rsaKey(Path folder) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(folder.resolve("smart-key.pem"), pem);
    }

    @EnableConfigurationProperties(EhrProperties.class)
    static class Properties {}
}
