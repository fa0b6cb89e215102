package org.referralbridge.server.reward;

import java.util.Locale;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.RewardKind;

/** Reward kinds as program documents and the {@code referral-reward-kind} CodeSystem write them. */
final class RewardKinds {

    private RewardKinds() {}

    /** {@code SERVICE_CREDIT} as {@code service-credit}. */
    static String code(RewardKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * {@code service-credit} as {@code SERVICE_CREDIT}.
     *
     * @throws IllegalArgumentException for a kind no program may use ({@code ProgramCheck} refuses those)
     */
    static RewardKind of(String code) {
        return RewardKind.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}

/** Compliance outcomes as the {@code referral-compliance-decision} CodeSystem writes them. */
final class ComplianceOutcomes {

    private ComplianceOutcomes() {}

    /** {@code THANK_YOU_ONLY} as {@code thank-you-only}. */
    static String code(ComplianceOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
