package org.referralbridge.server.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.Ehr;
import org.referralbridge.server.Instances;
import org.referralbridge.server.Patients;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.consent.ConsentStatement;
import org.referralbridge.server.reward.RewardChanged;
import org.referralbridge.server.reward.RewardStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database, both hearing the same reward's event at once and both working the message outbox:
 * each referrer gets one thank-you.
 */
class ProgramMessagesTwoInstancesIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static GreenMail smtp;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstancesOnOneDatabase() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String schema = Instances.schema(ProgramMessagesTwoInstancesIntegrationTests.class);
        Map<String, Object> messages = new HashMap<>();
        messages.put("referralbridge.messages.enabled", "true");
        messages.put("referralbridge.messages.from", "referrals@example-clinic.org");
        messages.put("referralbridge.messages.practice-name", "Example Family Dental");
        messages.put("referralbridge.messages.postal-address", "1 Main Street, Springfield, IL 62701");
        messages.put("referralbridge.messages.public-base-url", "https://referrals.example-clinic.org");
        messages.put("referralbridge.messages.unsubscribe-secret", "test-unsubscribe-secret-of-32-characters-at-least");
        messages.put("referralbridge.messages.worker.poll-interval", "100ms");
        messages.put("spring.mail.host", "127.0.0.1");
        messages.put("spring.mail.port", smtp.getSmtp().getPort());
        Instances.Cluster cluster = Instances.cluster(schema, messages);
        first = cluster.first();
        second = cluster.second();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        smtp.stop();
    }

    @Test
    void oneThankYouPerRewardWhenBothInstancesHearItsEventAtOnce() throws Exception {
        Ehr ehr = new Ehr(first.getBean(FhirContext.class), Instances.port(first));
        List<String> referrers = new ArrayList<>();
        List<UUID> rewards = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String email = "twins" + round + "@mail.example.org";
                Patient patient = Patients.person("Twin", "Referrer", "1970-01-01");
                patient.addTelecom()
                        .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                        .setValue(email);
                String referrer = ehr.create(patient);
                first.getBean(ConsentState.class)
                        .record(
                                new ConsentStatement(
                                        ConsentKind.PROGRAM_MESSAGES,
                                        referrer,
                                        null,
                                        List.of("email"),
                                        true,
                                        ConsentStatement.ACTIVE,
                                        true,
                                        Instant.parse("2026-03-01T09:00:00Z"),
                                        null),
                                "front-desk-user");
                RewardChanged event = rewardChanged(UUID.randomUUID(), referrer);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Callable<Void>> racers =
                        List.of(() -> publish(first, event, start), () -> publish(second, event, start));
                for (Future<Void> result : pool.invokeAll(racers)) {
                    result.get();
                }
                referrers.add(email);
                rewards.add(event.rewardId());
            }
        } finally {
            pool.shutdownNow();
        }

        JdbcClient jdbc = first.getBean(JdbcClient.class);
        await().atMost(WAIT)
                .until(() -> jdbc.sql("select count(*) from message_outbox where kind = ? and status = 'done'"
                                        // the e-mail rows; each sent message then queues its Communication (':ehr')
                                        + " and dedupe_key like '%:email'")
                                .param(MessageKind.REFERRER_THANK_YOU.code())
                                .query(Long.class)
                                .single()
                        == rewards.size());
        for (String email : referrers) {
            assertThat(to(email)).as("messages to one referrer").hasSize(1);
        }
        assertThat(smtp.getReceivedMessages()).hasSize(rewards.size());
    }

    private static Void publish(ConfigurableApplicationContext instance, RewardChanged event, CyclicBarrier start)
            throws Exception {
        start.await();
        instance.getBean(TransactionTemplate.class).executeWithoutResult(status -> instance.publishEvent(event));
        return null;
    }

    private static RewardChanged rewardChanged(UUID reward, String referrer) {
        return new RewardChanged(
                reward,
                UUID.randomUUID(),
                referrer,
                "referred-" + reward,
                "friends-and-family",
                "first-visit",
                "thank-you-card",
                "recognition",
                BigDecimal.ZERO,
                RewardStatus.EARNED,
                "thank-you-only",
                List.of(),
                List.of(),
                "program friends-and-family rule first-visit",
                1,
                Instant.parse("2026-03-20T10:05:00Z"));
    }

    private static List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address))) {
                mine.add(message);
            }
        }
        return mine;
    }
}
