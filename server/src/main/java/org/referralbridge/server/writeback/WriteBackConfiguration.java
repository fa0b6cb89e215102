package org.referralbridge.server.writeback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.queue.QueueWorker;
import org.referralbridge.server.queue.WorkQueue;
import org.referralbridge.server.referral.AdvocateView;
import org.referralbridge.server.referral.ReferralLookup;
import org.referralbridge.server.reports.MonthlyMeasureReports;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class WriteBackConfiguration {

    @Bean
    WorkQueue outbox(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        return new WorkQueue("outbox", jdbc, transactions, clock);
    }

    @Bean
    WriteBackRequests writeBackRequests(@Qualifier("outbox") WorkQueue outbox, ObjectMapper json) {
        return new WriteBackRequests(outbox, json);
    }

    /** The messages module's channel into the chart: each program message sent, as a Communication. */
    @Bean
    EhrCommunications ehrCommunications(EhrClient ehr) {
        return new EhrCommunications(ehr);
    }

    @Bean
    QueueWorker outboxWorker(
            @Qualifier("outbox") WorkQueue outbox,
            EhrClient ehr,
            ObjectMapper json,
            Clock clock,
            CircuitBreaker ehrCircuitBreaker,
            WriteBackProperties properties,
            ConsentState consents,
            MonthlyMeasureReports measureReports,
            ReferralLookup referrals) {
        ProvenanceRecords provenance = new ProvenanceRecords(ehr, clock);
        return new QueueWorker(
                outbox,
                new OutboxHandler(
                        ehr,
                        json,
                        provenance,
                        new ConsentWriteBack(ehr, provenance, consents),
                        new MeasureReportWriteBack(ehr, provenance, measureReports),
                        advocateId -> referrals.advocate(advocateId).map(AdvocateView::successfulReferrals)),
                properties.worker(),
                ehrCircuitBreaker);
    }
}
