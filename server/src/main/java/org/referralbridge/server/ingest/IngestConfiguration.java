package org.referralbridge.server.ingest;

import ca.uhn.fhir.context.FhirContext;
import io.github.bucket4j.TimeMeter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.notification.NotificationBundleParser;
import org.referralbridge.fhirplugin.subscription.SubscriptionRegistrar;
import org.referralbridge.mapping.ProfileEvaluator;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.profiles.ReferrerSearch;
import org.referralbridge.server.profiles.UnmappedValues;
import org.referralbridge.server.queue.QueueWorker;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.AppointmentBookings;
import org.referralbridge.server.referral.ReferralManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean
    WorkQueue inbox(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        return new WorkQueue("inbox", jdbc, transactions, clock);
    }

    @Bean
    Inbox inboxItems(@Qualifier("inbox") WorkQueue inbox) {
        return new Inbox(inbox);
    }

    /**
     * The secrets file if one is set, else the one secret, else a random one for this run. A file that cannot be used
     * stops the start, naming what is wrong with it.
     */
    @Bean
    NotifySecrets notifySecrets(NotifyProperties properties, Clock clock) {
        if (!NotifyProperties.isBlank(properties.secretsFile())) {
            NotifySecrets secrets =
                    NotifySecrets.fromFile(new NotifySecretsFile(Path.of(properties.secretsFile())), clock);
            log.info(
                    "Notification secrets from {}: {} active",
                    properties.secretsFile(),
                    secrets.usage().secrets().size());
            return secrets;
        }
        if (!NotifyProperties.isBlank(properties.secret())) {
            return NotifySecrets.of(properties.secret(), clock);
        }
        log.info("Neither referralbridge.notify.secret nor referralbridge.notify.secrets-file is set: using a random"
                + " secret for this run; the Subscriptions registered at startup carry it");
        return NotifySecrets.random(clock);
    }

    @Bean
    NotifyRateLimit notifyRateLimit(NotifyProperties properties) {
        return new NotifyRateLimit(properties.rateLimit(), TimeMeter.SYSTEM_NANOTIME);
    }

    @Bean
    CatchUpPoller catchUpPoller(
            EhrClient ehr, Inbox inboxItems, DataSource dataSource, Clock clock, CatchUpProperties properties) {
        return new CatchUpPoller(ehr, inboxItems, new Watermarks(dataSource, clock), properties, clock);
    }

    @Bean
    EhrSubscriptions ehrSubscriptions(
            EhrClient ehr,
            NotifyEndpoint endpoint,
            Clock clock,
            TaskScheduler taskScheduler,
            IngestProperties properties,
            ApplicationEventPublisher events) {
        return new EhrSubscriptions(
                new SubscriptionRegistrar(ehr),
                endpoint,
                clock,
                taskScheduler,
                properties.subscriptionReread(),
                events);
    }

    @Bean
    QueueWorker inboxWorker(
            @Qualifier("inbox") WorkQueue inbox,
            Inbox inboxItems,
            EhrClient ehr,
            ProfileEvaluator mapping,
            ReferralManagement referrals,
            ReferrerSearch referrerSearch,
            UnmappedValues unmappedValues,
            FhirContext fhirContext,
            JdbcClient jdbc,
            CatchUpPoller catchUp,
            CircuitBreaker ehrCircuitBreaker,
            IngestProperties properties,
            Settlements settlements,
            ConsentState consentState,
            AppointmentBookings appointmentBookings,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        BatchPrefetch prefetch = new BatchPrefetch(ehr);
        FinishedEncounters finished =
                new FinishedEncounters(ehr, mapping, referrals, prefetch, unmappedValues, settlements);
        EvidenceClaims claims =
                new EvidenceClaims(mapping.profile(), referrerSearch, unmappedValues, referrals, finished);
        InboxHandler handler = new InboxHandler(
                new PatientChanges(ehr, mapping, claims, prefetch, events),
                new QuestionnaireChanges(ehr, mapping, claims),
                new ConsentChanges(ehr, consentState, mapping.profile().consent()),
                new EncounterChanges(ehr, finished),
                new AppointmentChanges(ehr, appointmentBookings, clock),
                new NotificationBundles(
                        new NotificationBundleParser(fhirContext), inboxItems, new SubscriptionEvents(jdbc)),
                catchUp,
                ehr,
                prefetch);
        return new QueueWorker(inbox, handler, properties.worker(), ehrCircuitBreaker);
    }
}
