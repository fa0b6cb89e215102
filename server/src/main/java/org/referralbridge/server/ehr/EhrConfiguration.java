package org.referralbridge.server.ehr;

import ca.uhn.fhir.context.FhirContext;
import org.referralbridge.fhirplugin.client.EhrAuth;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EhrConfiguration {

    /** One FhirContext for the whole application: it is expensive to build and thread-safe. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    EhrClient ehrClient(FhirContext fhirContext, EhrProperties properties, EhrBaseUrl baseUrl) {
        EhrConnection connection = EhrConnection.to(baseUrl)
                .withAuth(auth(properties.auth()))
                .withTimeouts(properties.connectTimeout(), properties.readTimeout());
        return new EhrClient(fhirContext, connection);
    }

    private static EhrAuth auth(EhrProperties.Auth auth) {
        return switch (auth.type()) {
            case "basic" ->
                EhrAuth.basic(
                        required(auth.username(), "referralbridge.ehr.auth.username"),
                        required(auth.password(), "referralbridge.ehr.auth.password"));
            case "bearer" -> EhrAuth.bearer(required(auth.token(), "referralbridge.ehr.auth.token"));
            default -> EhrAuth.none();
        };
    }

    private static String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " must be set for this referralbridge.ehr.auth.type");
        }
        return value;
    }
}
