package org.referralbridge.server.cds;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralLookup;
import org.referralbridge.server.referral.ReferralManagement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdsProperties.class)
class CdsConfiguration {

    @Bean
    CardFeedback cardFeedback(io.micrometer.core.instrument.MeterRegistry registry) {
        return new CardFeedback(registry);
    }

    @Bean
    UsedTokenIds.InDatabase cdsUsedTokenIds(JdbcClient jdbc, Clock clock) {
        return new UsedTokenIds.InDatabase(jdbc, clock);
    }

    @Bean
    CdsClientTokens cdsClientTokens(CdsProperties properties, Clock clock, UsedTokenIds.InDatabase usedTokenIds) {
        return new CdsClientTokens(properties, clock, usedTokenIds);
    }

    @Bean
    PatientViewService patientViewService(
            ReferralLookup lookup,
            ReferralManagement referrals,
            ConsentState consents,
            EhrPatients ehrPatients,
            EhrClient ehr,
            FhirContext fhirContext,
            ApplicationEventPublisher events,
            CdsProperties properties) {
        return new PatientViewService(
                lookup,
                referrals,
                consents,
                ehrPatients,
                ehr,
                fhirContext,
                events,
                properties.patientViewerRecognitionChannels());
    }
}
