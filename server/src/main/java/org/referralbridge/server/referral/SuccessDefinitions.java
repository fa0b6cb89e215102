package org.referralbridge.server.referral;

import java.util.Optional;

/**
 * Where the referral module learns what makes a referral successful today. Implemented outside this module (by
 * ingest, from the program catalogue), so that referrals do not depend on program types.
 */
public interface SuccessDefinitions {

    /**
     * The success definition of the program that applies (the default active program, else the first active one).
     *
     * @return empty when no program is active: then a linked referral's first finished Encounter is its success
     */
    Optional<SuccessDefinition> current();

    /**
     * The success definition of the program a referral names, when that program exists (active or not: whether it
     * was active is the settlement's question); else {@link #current()}.
     */
    Optional<SuccessDefinition> forProgram(String programKey);
}
