package org.referralbridge.server.referral;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads {@code ?status=} case-insensitively and names the accepted values when it is wrong. */
final class ReferralStatusParameter {

    private ReferralStatusParameter() {}

    static ReferralStatus parse(String text) {
        try {
            return ReferralStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UnknownReferralStatus(text);
        }
    }

    static class UnknownReferralStatus extends RuntimeException {

        UnknownReferralStatus(String text) {
            super("status must be one of "
                    + Arrays.stream(ReferralStatus.values())
                            .map(s -> s.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "))
                    + "; got '" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'");
        }
    }
}
