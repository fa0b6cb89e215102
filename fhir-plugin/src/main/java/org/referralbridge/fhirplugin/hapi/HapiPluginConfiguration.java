package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.IHapiBootOrder;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.referralbridge.conformance.ConformancePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * The Referral Bridge plugin for a HAPI FHIR JPA server (R4), as Spring beans in that server's own context: the
 * public JPA server starter loads it with {@code hapi.fhir.custom-bean-packages=org.referralbridge.fhirplugin.hapi}
 * (see the module README). It registers {@link ReferrerLinkingInterceptor} with the server's interceptor service
 * (globally, so it sees creates that do not come through REST too), which records a Provenance for each Patient it
 * changes, and installs the package's SearchParameters once
 * the server has started.
 */
@Configuration(proxyBeanMethods = false)
public class HapiPluginConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HapiPluginConfiguration.class);

    @Bean
    ReferrerLinkingInterceptor referralBridgeReferrerLinkingInterceptor(
            DaoRegistry daos, IInterceptorService interceptors) {
        ReferrerLinkingInterceptor interceptor = new ReferrerLinkingInterceptor(
                new ReferrerLinker(new DaoAdvocateDirectory(daos)), new DaoLinkProvenance(daos, Clock.systemUTC()));
        interceptors.registerInterceptor(interceptor);
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
