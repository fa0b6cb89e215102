package org.referralbridge.server.referral;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads {@code ?status=} case-insensitively ({@code channel-only} or {@code channel_only}) and names the accepted
 * values when it is wrong.
 */
final class ReferralStatusParameter {

    private ReferralStatusParameter() {}

    static ReferralStatus parse(String text) {
        try {
            return ReferralStatus.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UnknownReferralStatus(text);
        }
    }

    static class UnknownReferralStatus extends RuntimeException {

        UnknownReferralStatus(String text) {
            super("status must be one of "
                    + Arrays.stream(ReferralStatus.values())
                            .map(ReferralStatus::parameterValue)
                            .collect(Collectors.joining(", "))
                    + "; got '" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'");
        }
    }
}
