package org.referralbridge.server.staff;

import java.util.Arrays;
import java.util.List;
import org.referralbridge.mapping.ReferralChannel;
import org.referralbridge.server.referral.ReferralStatus;

/** The referral channels and statuses as the front desk reads them: plain words, not codes. */
final class FrontDeskReferralWords {

    private FrontDeskReferralWords() {}

    /** A channel the form offers: its code and what the patient would say. */
    record Channel(String code, String label) {}

    /** Every channel, in the order of the enum (the most common first). */
    static List<Channel> channels() {
        return Arrays.stream(ReferralChannel.values())
                .map(channel -> new Channel(channel.code(), label(channel)))
                .toList();
    }

    static String label(ReferralChannel channel) {
        switch (channel) {
            case PATIENT:
                return "An existing patient referred them";
            case FRIEND_FAMILY:
                return "A friend or family member";
            case PROVIDER:
                return "Another doctor or health professional";
            case CAMPAIGN:
                return "A campaign (mailing, advertisement)";
            case WEB:
                return "Our website or a web search";
            case SOCIAL:
                return "Social media";
            case EVENT:
                return "An event";
            case OTHER:
            default:
                return "Something else";
        }
    }

    /** The label of a channel code as stored on a referral; the code itself when it is not one of ours. */
    static String channelLabel(String code) {
        if (code == null) {
            return null;
        }
        return ReferralChannel.fromCode(code).map(FrontDeskReferralWords::label).orElse(code);
    }

    static String status(ReferralStatus status) {
        switch (status) {
            case LINKED:
                return "Linked to the advocate who referred them";
            case QUALIFIED:
                return "Qualified: a successful referral";
            case CHANNEL_ONLY:
                return "We know how they heard of us, but not who referred them";
            case UNMATCHED:
                return "Not linked to an advocate";
            case IN_REVIEW:
                return "Waiting for the front desk to review it";
            case REJECTED:
                return "Qualified, but it earns nothing under the program's terms";
            case REVERSED:
            default:
                return "Reversed: the visit that qualified it was cancelled";
        }
    }
}
