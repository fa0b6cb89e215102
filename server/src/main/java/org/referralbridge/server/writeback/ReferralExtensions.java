package org.referralbridge.server.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/**
 * Our two extensions on a Patient, in the JSON form the EHR sent them, changed only where they differ from what is
 * wanted (so an unchanged Patient is never written). Parts of our extension a change does not set (a program, a tier, a
 * capture date) are kept as they are; the rest of the Patient is never seen here at all.
 */
final class ReferralExtensions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReferralExtensions() {}

    /**
     * Names the referrer in the Patient's {@code referral-source} extension, making the extension (channel {@code
     * friend-family}) if the referral evidence came from elsewhere.
     *
     * @param current the extension as read, or null
     * @return empty when it already names this referrer
     */
    static Optional<ObjectNode> setReferrer(ObjectNode current, String referrerReference) {
        ObjectNode source = current == null ? newExtension(ReferralSource.URL) : current;
        if (current == null) {
            ObjectNode channel = NODES.objectNode()
                    .put("system", Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM)
                    .put("code", "friend-family")
                    .put("display", "Friend or family member");
            setPart(source, ReferralSource.CHANNEL, "valueCoding", channel);
        }
        JsonNode named = part(source, ReferralSource.REFERRER)
                .map(referrer -> referrer.path("valueReference").path("reference"))
                .orElse(null);
        if (named != null
                && referrerReference.equals(named.asText(null))
                && count(source, ReferralSource.REFERRER) == 1) {
            return Optional.empty();
        }
        setPart(
                source,
                ReferralSource.REFERRER,
                "valueReference",
                NODES.objectNode().put("reference", referrerReference));
        return Optional.of(source);
    }

    /**
     * Puts the advocate's code and enrolment date on their Patient, keeping a count of successful referrals (and a
     * tier) already there.
     *
     * @return empty when the extension already carries this code and date
     */
    static Optional<ObjectNode> setAdvocate(ObjectNode current, String referralCode, Instant enrolledAt) {
        String enrolled = date(enrolledAt);
        if (current != null
                && carries(current, ReferralAdvocate.CODE, "valueString", referralCode)
                && carries(current, ReferralAdvocate.ENROLLED, "valueDate", enrolled)) {
            return Optional.empty();
        }
        ObjectNode advocate = current == null ? newExtension(ReferralAdvocate.URL) : current;
        setPart(advocate, ReferralAdvocate.CODE, "valueString", NODES.textNode(referralCode));
        setPart(advocate, ReferralAdvocate.ENROLLED, "valueDate", NODES.textNode(enrolled));
        if (part(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS).isEmpty()) {
            setPart(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS, "valueUnsignedInt", NODES.numberNode(0));
        }
        return Optional.of(advocate);
    }

    /**
     * Sets the advocate's count of successful referrals to this one (the service's count as it is now: it drops when a
     * counted referral is reversed). Makes the extension, with code and enrolment date, if the EHR has none.
     *
     * @return empty when the extension already shows this count, once
     */
    static Optional<ObjectNode> setSuccessfulReferrals(
            ObjectNode current, String referralCode, Instant enrolledAt, int successfulReferrals) {
        ObjectNode advocate = current == null ? newExtension(ReferralAdvocate.URL) : current;
        Optional<JsonNode> shown = part(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS)
                .map(part -> part.path("valueUnsignedInt"))
                .filter(JsonNode::canConvertToInt);
        if (shown.isPresent()
                && shown.get().isIntegralNumber()
                && shown.get().asInt() == successfulReferrals
                && count(advocate, ReferralAdvocate.SUCCESSFUL_REFERRALS) == 1) {
            return Optional.empty();
        }
        if (part(advocate, ReferralAdvocate.CODE).isEmpty()) {
            setPart(advocate, ReferralAdvocate.CODE, "valueString", NODES.textNode(referralCode));
        }
        if (part(advocate, ReferralAdvocate.ENROLLED).isEmpty()) {
            setPart(advocate, ReferralAdvocate.ENROLLED, "valueDate", NODES.textNode(date(enrolledAt)));
        }
        setPart(
                advocate,
                ReferralAdvocate.SUCCESSFUL_REFERRALS,
                "valueUnsignedInt",
                NODES.numberNode(successfulReferrals));
        return Optional.of(advocate);
    }

    /**
     * Sets the tier the advocate reached, and their count of successful referrals (as {@link
     * #setSuccessfulReferrals} does). Makes the extension, with code and enrolment date, if
     * the EHR has none. Tiers are labels ({@code friends-and-family: 3 in 2026}), not ordered here: the tier written is
     * the one asked for.
     *
     * @return empty when the extension already shows this tier and this count
     */
    static Optional<ObjectNode> setTier(
            ObjectNode current, String referralCode, Instant enrolledAt, int successfulReferrals, String tier) {
        ObjectNode advocate = current == null ? newExtension(ReferralAdvocate.URL) : current;
        boolean tierShown = current != null && carries(current, ReferralAdvocate.TIER, "valueString", tier);
        Optional<ObjectNode> counted = setSuccessfulReferrals(advocate, referralCode, enrolledAt, successfulReferrals);
        if (tierShown && counted.isEmpty()) {
            return Optional.empty();
        }
        setPart(advocate, ReferralAdvocate.TIER, "valueString", NODES.textNode(tier));
        return Optional.of(advocate);
    }

    private static String date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static ObjectNode newExtension(String url) {
        ObjectNode extension = NODES.objectNode().put("url", url);
        extension.putArray("extension");
        return extension;
    }

    private static boolean carries(ObjectNode extension, String url, String valueKey, String value) {
        return count(extension, url) == 1
                && part(extension, url)
                        .map(part -> value.equals(part.path(valueKey).asText(null)))
                        .orElse(false);
    }

    private static Optional<JsonNode> part(ObjectNode extension, String url) {
        for (JsonNode part : extension.path("extension")) {
            if (url.equals(part.path("url").asText(null))) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }

    private static int count(ObjectNode extension, String url) {
        int count = 0;
        for (JsonNode part : extension.path("extension")) {
            if (url.equals(part.path("url").asText(null))) {
                count++;
            }
        }
        return count;
    }

    /**
     * Puts {@code value} as the one part with this URL: in the place of the first such part (the others, which the
     * profile does not allow, are dropped), or at the end.
     */
    private static void setPart(ObjectNode extension, String url, String valueKey, JsonNode value) {
        ArrayNode parts =
                extension.get("extension") instanceof ArrayNode array ? array : extension.putArray("extension");
        ObjectNode replacement = NODES.objectNode().put("url", url);
        replacement.set(valueKey, value);
        int first = -1;
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (url.equals(parts.get(i).path("url").asText(null))) {
                if (first != -1) {
                    parts.remove(first);
                }
                first = i;
            }
        }
        if (first == -1) {
            parts.add(replacement);
        } else {
            parts.set(first, replacement);
        }
    }
}
