package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.IHapiBootOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.referralbridge.conformance.ConformancePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * The Referral Bridge plugin for a HAPI FHIR JPA server (R4), as Spring beans in that server's own context: the
 * public JPA server starter loads it with {@code hapi.fhir.custom-bean-packages=org.referralbridge.fhirplugin.hapi}
 * (see the module README). It registers {@link ReferrerLinkingInterceptor} with the server's interceptor service
 * (globally, so it sees creates that do not come through REST too), which records a Provenance for each Patient it
 * changes, and {@link ReferrerPrivacyInterceptor}, which hides referrers from patient-facing responses and records
 * each decision as an AuditEvent ({@link FhirAuditEventDisclosureAudit}) (settings {@code referralbridge.privacy.*},
 * see the module README); and it installs the package's SearchParameters once the server has started.
 */
@Configuration(proxyBeanMethods = false)
public class HapiPluginConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HapiPluginConfiguration.class);
    private static final String PRIVACY = "referralbridge.privacy.";

    @Bean
    ReferrerLinkingInterceptor referralBridgeReferrerLinkingInterceptor(
            DaoRegistry daos, IInterceptorService interceptors) {
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(
                new ReferrerLinker(new DaoAdvocateDirectory(daos)), new DaoLinkProvenance(daos, Clock.systemUTC()));
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    /**
     * The audit trail of the referrer privacy's decisions: AuditEvents in this server, unless {@code
     * referralbridge.privacy.audit=false}. Spring closes it (writing what is queued) when the context closes.
     */
    @Bean
    DisclosureAudit referralBridgeDisclosureAudit(DaoRegistry daos, Environment environment) {
        if (environment.getProperty(PRIVACY + "audit", Boolean.class, true)) {
            return new FhirAuditEventDisclosureAudit(daos);
        }
        log.warn("Referral Bridge records no referrer disclosure decisions (referralbridge.privacy.audit=false)");
        return DisclosureAudit.none();
    }

    /**
     * Registered unless {@code referralbridge.privacy.enabled=false}. By default a request is patient-facing when its
     * Bearer token has a {@code patient/} scope, and referrers are always hidden from such requests.
     */
    @Bean
    ReferrerPrivacyInterceptor referralBridgeReferrerPrivacyInterceptor(
            DaoRegistry daos, IInterceptorService interceptors, Environment environment, DisclosureAudit audit) {
        ReferrerPrivacySettings settings;
        try {
            settings = new ReferrerPrivacySettings(
                    environment.getProperty(PRIVACY + "token-scopes", Boolean.class, true),
                    environment.getProperty(PRIVACY + "unreadable-tokens-are-patient-facing", Boolean.class, false),
                    environment.getProperty(PRIVACY + "scope-claim", ReferrerPrivacySettings.DEFAULT_SCOPE_CLAIM),
                    environment.getProperty(PRIVACY + "patient-header-name"),
                    environment.getProperty(PRIVACY + "patient-header-value"),
                    environment.getProperty(PRIVACY + "patient-path-prefix"));
        } catch (IllegalArgumentException invalid) {
            // the server must not start with a privacy rule that silently does nothing
            throw new IllegalStateException("Invalid " + PRIVACY + "* settings: " + invalid.getMessage(), invalid);
        }
        Set<String> channels = Arrays.stream(environment
                        .getProperty(PRIVACY + "recognition-channels", "")
                        .split(","))
                .map(String::strip)
                .filter(channel -> !channel.isEmpty())
                .collect(Collectors.toSet());
        ReferrerDisclosure disclosure =
                channels.isEmpty() ? ReferrerDisclosure.never() : new RecognitionConsentDisclosure(daos, channels);
        ReferrerPrivacyInterceptor interceptor = new ReferrerPrivacyInterceptor(settings, disclosure, audit);
        if (environment.getProperty(PRIVACY + "enabled", Boolean.class, true)) {
            interceptors.registerInterceptor(interceptor);
        } else {
            log.warn("Referral Bridge referrer privacy is off (referralbridge.privacy.enabled=false)");
        }
        return interceptor;
    }

    @Bean
    SearchParameterInstallation referralBridgeSearchParameterInstallation(
            FhirContext fhirContext, DaoRegistry daos, ISearchParamRegistry registry) {
        return new SearchParameterInstallation(fhirContext, new SearchParameterInstaller(daos, registry));
    }

    /**
     * Installs the SearchParameters when the server's context has started: after HAPI has registered its batch job
     * definitions, because storing a SearchParameter starts a reindex job.
     */
    static final class SearchParameterInstallation {

        private final FhirContext fhirContext;
        private final SearchParameterInstaller installer;
        private final AtomicBoolean done = new AtomicBoolean();

        SearchParameterInstallation(FhirContext fhirContext, SearchParameterInstaller installer) {
            this.fhirContext = fhirContext;
            this.installer = installer;
        }

        @EventListener(ContextRefreshedEvent.class)
        @Order(IHapiBootOrder.AFTER_SUBSCRIPTION_INITIALIZED + 1)
        void installOnStart() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                SearchParameterInstaller.Installed installed = installer.install(
                        ConformancePackage.loadFromClasspath(fhirContext).searchParameters());
                log.info(
                        "Referral Bridge SearchParameters: {} created, {} updated, {} unchanged",
                        installed.created(),
                        installed.updated(),
                        installed.unchanged());
            } catch (RuntimeException failure) {
                // The server still starts; new Patients are then stored without a referrer link.
                log.error("Could not install the Referral Bridge SearchParameters", failure);
            }
        }
    }
}
