package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;

class ReferralExtensionsTests {

    private static final Instant ENROLLED = Instant.parse("2026-03-04T23:15:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void namesTheReferrerAndKeepsTheRestOfTheExtension() throws Exception {
        ObjectNode source = node("""
                {"url":"%s","extension":[
                  {"url":"channel","valueCoding":{"system":"s","code":"friend-family"}},
                  {"url":"code","valueString":"ABCD-EFGH"},
                  {"url":"program","valueString":"spring"}]}""".formatted(ReferralSource.URL));

        ObjectNode written =
                ReferralExtensions.setReferrer(source.deepCopy(), "Patient/7").orElseThrow();

        assertThat(part(written, ReferralSource.REFERRER)
                        .path("valueReference")
                        .path("reference")
                        .asText())
                .isEqualTo("Patient/7");
        assertThat(part(written, ReferralSource.CODE).path("valueString").asText())
                .isEqualTo("ABCD-EFGH");
        assertThat(part(written, "program").path("valueString").asText()).isEqualTo("spring");
        assertThat(part(written, ReferralSource.CHANNEL)).isEqualTo(part(source, ReferralSource.CHANNEL));
    }

    @Test
    void changesNothingWhenTheReferrerIsAlreadyNamed() {
        ObjectNode named = ReferralExtensions.setReferrer(null, "Patient/7").orElseThrow();

        assertThat(ReferralExtensions.setReferrer(named.deepCopy(), "Patient/7"))
                .isEmpty();
    }

    @Test
    void makesTheExtensionWithAChannelWhenTheEvidenceCameFromElsewhere() {
        ObjectNode source = ReferralExtensions.setReferrer(null, "Patient/9").orElseThrow();

        assertThat(source.path("url").asText()).isEqualTo(ReferralSource.URL);
        assertThat(part(source, ReferralSource.CHANNEL)
                        .path("valueCoding")
                        .path("code")
                        .asText())
                .isEqualTo("friend-family");
        assertThat(part(source, ReferralSource.REFERRER)
                        .path("valueReference")
                        .path("reference")
                        .asText())
                .isEqualTo("Patient/9");
    }

    @Test
    void writesTheAdvocateOnceAndKeepsTheirCountAndTier() throws Exception {
        ObjectNode advocate =
                ReferralExtensions.setAdvocate(null, "ABCD-EFGH", ENROLLED).orElseThrow();
        assertThat(part(advocate, ReferralAdvocate.ENROLLED).path("valueDate").asText())
                .isEqualTo("2026-03-04");
        assertThat(part(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isZero();
        assertThat(ReferralExtensions.setAdvocate(advocate.deepCopy(), "ABCD-EFGH", ENROLLED))
                .isEmpty();

        ObjectNode counted = node("""
                {"url":"%s","extension":[
                  {"url":"code","valueString":"ABCD-EFGH"},
                  {"url":"enrolled","valueDate":"2026-03-04"},
                  {"url":"successfulReferrals","valueUnsignedInt":3},
                  {"url":"tier","valueString":"gold"}]}""".formatted(ReferralAdvocate.URL));
        ObjectNode recoded =
                ReferralExtensions.setAdvocate(counted, "JKMN-PQRS", ENROLLED).orElseThrow();

        assertThat(part(recoded, ReferralAdvocate.CODE).path("valueString").asText())
                .isEqualTo("JKMN-PQRS");
        assertThat(part(recoded, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(3);
        assertThat(part(recoded, ReferralAdvocate.TIER).path("valueString").asText())
                .isEqualTo("gold");
        assertThat(recoded.path("extension")).hasSize(4);
    }

    @Test
    void setsTheCountOfSuccessfulReferralsToTheServicesCountLowerToo() {
        ObjectNode enrolled =
                ReferralExtensions.setAdvocate(null, "ABCD-EFGH", ENROLLED).orElseThrow();

        ObjectNode two = ReferralExtensions.setSuccessfulReferrals(enrolled, "ABCD-EFGH", ENROLLED, 2)
                .orElseThrow();

        assertThat(part(two, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(2);
        assertThat(part(two, ReferralAdvocate.CODE).path("valueString").asText())
                .isEqualTo("ABCD-EFGH");
        assertThat(ReferralExtensions.setSuccessfulReferrals(two.deepCopy(), "ABCD-EFGH", ENROLLED, 2))
                .isEmpty();
        ObjectNode one = ReferralExtensions.setSuccessfulReferrals(two.deepCopy(), "ABCD-EFGH", ENROLLED, 1)
                .orElseThrow();
        assertThat(part(one, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .as("a counted referral was reversed")
                .isEqualTo(1);
    }

    @Test
    void makesTheAdvocateExtensionWithCodeAndDateWhenACountArrivesFirst() {
        ObjectNode advocate = ReferralExtensions.setSuccessfulReferrals(null, "ABCD-EFGH", ENROLLED, 1)
                .orElseThrow();

        assertThat(advocate.path("url").asText()).isEqualTo(ReferralAdvocate.URL);
        assertThat(part(advocate, ReferralAdvocate.CODE).path("valueString").asText())
                .isEqualTo("ABCD-EFGH");
        assertThat(part(advocate, ReferralAdvocate.ENROLLED).path("valueDate").asText())
                .isEqualTo("2026-03-04");
        assertThat(part(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(1);
        assertThat(ReferralExtensions.setAdvocate(advocate.deepCopy(), "ABCD-EFGH", ENROLLED))
                .as("the enrolment write-back arriving after it keeps the count")
                .isEmpty();
    }

    @Test
    void replacesAnUnreadableCount() throws Exception {
        ObjectNode broken = node("""
                {"url":"%s","extension":[
                  {"url":"code","valueString":"ABCD-EFGH"},
                  {"url":"enrolled","valueDate":"2026-03-04"},
                  {"url":"successfulReferrals","valueUnsignedInt":"many"}]}""".formatted(ReferralAdvocate.URL));

        Optional<ObjectNode> written = ReferralExtensions.setSuccessfulReferrals(broken, "ABCD-EFGH", ENROLLED, 1);

        assertThat(written).isPresent();
        assertThat(part(written.get(), ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void setsTheTierAndKeepsEverythingElseOfTheExtension() throws Exception {
        ObjectNode advocate = node("""
                {"url":"%s","extension":[
                  {"url":"code","valueString":"ABCD-EFGH"},
                  {"url":"enrolled","valueDate":"2026-03-04"},
                  {"url":"successfulReferrals","valueUnsignedInt":3},
                  {"url":"program","valueString":"spring"}]}""".formatted(ReferralAdvocate.URL));

        ObjectNode tiered = ReferralExtensions.setTier(
                        advocate.deepCopy(), "ABCD-EFGH", ENROLLED, 3, "friends: 3 in 2026")
                .orElseThrow();

        assertThat(part(tiered, ReferralAdvocate.TIER).path("valueString").asText())
                .isEqualTo("friends: 3 in 2026");
        assertThat(part(tiered, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(3);
        assertThat(part(tiered, "program").path("valueString").asText()).isEqualTo("spring");
        assertThat(part(tiered, ReferralAdvocate.ENROLLED).path("valueDate").asText())
                .isEqualTo("2026-03-04");
        assertThat(tiered.path("extension")).hasSize(5);
        assertThat(ReferralExtensions.setTier(tiered.deepCopy(), "ABCD-EFGH", ENROLLED, 3, "friends: 3 in 2026"))
                .as("the same tier again")
                .isEmpty();
    }

    @Test
    void replacesAnEarlierTierAndWritesTheCountGiven() throws Exception {
        ObjectNode advocate = node("""
                {"url":"%s","extension":[
                  {"url":"code","valueString":"ABCD-EFGH"},
                  {"url":"enrolled","valueDate":"2026-03-04"},
                  {"url":"successfulReferrals","valueUnsignedInt":7},
                  {"url":"tier","valueString":"friends: 3 in 2026"}]}""".formatted(ReferralAdvocate.URL));

        ObjectNode tiered = ReferralExtensions.setTier(advocate, "ABCD-EFGH", ENROLLED, 5, "friends: 5 in 2026")
                .orElseThrow();

        assertThat(part(tiered, ReferralAdvocate.TIER).path("valueString").asText())
                .isEqualTo("friends: 5 in 2026");
        assertThat(part(tiered, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .as("the service's count now, even below the one shown")
                .isEqualTo(5);
        assertThat(tiered.path("extension")).hasSize(4);
    }

    @Test
    void raisesTheCountWithTheTierShownAlready() throws Exception {
        ObjectNode advocate = node("""
                {"url":"%s","extension":[
                  {"url":"code","valueString":"ABCD-EFGH"},
                  {"url":"enrolled","valueDate":"2026-03-04"},
                  {"url":"successfulReferrals","valueUnsignedInt":2},
                  {"url":"tier","valueString":"friends: 3 in 2026"}]}""".formatted(ReferralAdvocate.URL));

        ObjectNode tiered = ReferralExtensions.setTier(advocate, "ABCD-EFGH", ENROLLED, 3, "friends: 3 in 2026")
                .orElseThrow();

        assertThat(part(tiered, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void makesTheAdvocateExtensionWhenATierArrivesFirst() {
        ObjectNode advocate = ReferralExtensions.setTier(null, "ABCD-EFGH", ENROLLED, 3, "friends: 3 in 2026")
                .orElseThrow();

        assertThat(advocate.path("url").asText()).isEqualTo(ReferralAdvocate.URL);
        assertThat(part(advocate, ReferralAdvocate.CODE).path("valueString").asText())
                .isEqualTo("ABCD-EFGH");
        assertThat(part(advocate, ReferralAdvocate.ENROLLED).path("valueDate").asText())
                .isEqualTo("2026-03-04");
        assertThat(part(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                        .path("valueUnsignedInt")
                        .asInt())
                .isEqualTo(3);
        assertThat(part(advocate, ReferralAdvocate.TIER).path("valueString").asText())
                .isEqualTo("friends: 3 in 2026");
        assertThat(ReferralExtensions.setAdvocate(advocate.deepCopy(), "ABCD-EFGH", ENROLLED))
                .as("the enrolment write-back arriving after it keeps count and tier")
                .isEmpty();
    }

    private ObjectNode node(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    private static JsonNode part(JsonNode extension, String url) {
        for (JsonNode part : extension.path("extension")) {
            if (url.equals(part.path("url").asText())) {
                return part;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
