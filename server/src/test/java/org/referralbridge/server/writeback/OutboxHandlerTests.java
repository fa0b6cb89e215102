package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrConnection;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.WorkItem;

/** Payloads that can never be written fail at once, before any call to the EHR (there is none to call here). */
class OutboxHandlerTests {

    private final EhrClient unreachable =
            new EhrClient(FhirContext.forR4Cached(), EhrConnection.to("http://127.0.0.1:9/fhir"));
    private final OutboxHandler handler = new OutboxHandler(
            unreachable,
            new ObjectMapper().findAndRegisterModules(),
            new ProvenanceRecords(unreachable, Clock.systemUTC()),
            null);

    @ParameterizedTest
    @ValueSource(strings = {"{\"referralId\":", "[1,2]", "\"Jane Doe\"", "{\"referralId\":\"not-a-uuid\"}"})
    void failsAnUnreadablePayloadForGoodWithoutQuotingIt(String payload) {
        WorkItem item = item(WriteBackRequests.REFERRER_REFERENCE, payload);

        assertThatThrownBy(() -> handler.handle(item))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("unreadable referrer-reference payload (")
                .hasNoCause()
                .message()
                .doesNotContain("Jane")
                .doesNotContain("not-a-uuid");
    }

    @Test
    void failsAPayloadLackingWhatTheWriteNeedsForGood() {
        WorkItem item = item(
                WriteBackRequests.ADVOCATE_SUCCESSES,
                "{\"advocateId\":\"" + UUID.randomUUID() + "\",\"referralCode\":\"ABCD-EFGH\",\"enrolledAt\":\""
                        + Instant.EPOCH + "\"}");

        assertThatThrownBy(() -> handler.handle(item))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("unreadable advocate-successes payload (lacks successfulReferrals)");
    }

    @Test
    void failsARewardPayloadLackingItsRevisionForGood() {
        WorkItem item = new WorkItem(
                1,
                WriteBackRequests.REWARD,
                "Basic",
                UUID.randomUUID().toString(),
                null,
                "{\"rewardId\":\"" + UUID.randomUUID() + "\",\"referralId\":\"" + UUID.randomUUID()
                        + "\",\"referrerPatientId\":\"7\",\"referredPatientId\":\"8\",\"programKey\":\"p\","
                        + "\"itemKind\":\"recognition\",\"retailValue\":0,\"status\":\"blocked\","
                        + "\"outcome\":\"block\",\"changedAt\":\"" + Instant.EPOCH + "\",\"writeId\":\""
                        + UUID.randomUUID() + "\"}",
                1,
                Instant.EPOCH,
                null,
                "claim-1");

        assertThatThrownBy(() -> handler.handle(item))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("unreadable reward payload (lacks revision)");
    }

    @Test
    void failsAMeasureReportPayloadWithoutAMonthItCanReadForGood() {
        OutboxHandler withReports = new OutboxHandler(
                unreachable,
                new ObjectMapper().findAndRegisterModules(),
                new ProvenanceRecords(unreachable, Clock.systemUTC()),
                null,
                new MeasureReportWriteBack(unreachable, new ProvenanceRecords(unreachable, Clock.systemUTC()), null),
                advocateId -> java.util.Optional.empty());
        String writeId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> withReports.handle(item(
                        WriteBackRequests.MEASURE_REPORT,
                        "{\"month\":\"September\",\"advocateCode\":\"ABCD-EFGH\",\"writeId\":\"" + writeId + "\"}")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("unreadable measure-report payload (malformed month)");
        assertThatThrownBy(() ->
                        withReports.handle(item(WriteBackRequests.MEASURE_REPORT, "{\"writeId\":\"" + writeId + "\"}")))
                .isInstanceOf(PermanentFailure.class)
                .hasMessage("unreadable measure-report payload (lacks month)");
    }

    @Test
    void tagsProvenanceWithTheWriteIdNotTheRowId() {
        UUID writeId = UUID.randomUUID();

        assertThat(ProvenanceRecords.tag(item(WriteBackRequests.REFERRER_REFERENCE, "{}"), writeId))
                .isEqualTo("write-" + writeId);
    }

    private static WorkItem item(String kind, String payload) {
        return new WorkItem(1, kind, "Patient", "7", null, payload, 1, Instant.EPOCH, null, "claim-1");
    }
}
