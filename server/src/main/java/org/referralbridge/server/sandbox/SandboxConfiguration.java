package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the sandbox EHR at {@code /sandbox/fhir} when {@code referralbridge.sandbox.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "referralbridge.sandbox.enabled", havingValue = "true")
class SandboxConfiguration {

    @Bean
    SandboxEhr sandboxEhr(FhirContext fhirContext, SandboxProperties properties) {
        String journal = properties.journal();
        return new SandboxEhr(fhirContext, journal == null || journal.isBlank() ? null : Path.of(journal));
    }

    /** Runs before HAPI's servlet, on its requests only (see {@link SandboxRequestCheck}). */
    @Bean
    FilterRegistrationBean<SandboxRequestCheck> sandboxRequestCheck(
            FhirContext fhirContext, SandboxProperties properties) {
        FilterRegistrationBean<SandboxRequestCheck> registration =
                new FilterRegistrationBean<>(new SandboxRequestCheck(fhirContext, properties.maxBodyBytes()));
        registration.addUrlPatterns(SandboxEhr.BASE_PATH + "/*");
        registration.setName("sandboxRequestCheck");
        return registration;
    }

    @Bean
    ServletRegistrationBean<?> sandboxServlet(SandboxEhr sandbox) {
        ServletRegistrationBean<?> registration =
                new ServletRegistrationBean<>(sandbox.servlet(), SandboxEhr.BASE_PATH + "/*");
        registration.setName("sandboxEhr");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
