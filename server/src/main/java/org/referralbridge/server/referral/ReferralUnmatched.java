package org.referralbridge.server.referral;

import java.util.UUID;

/** Referral evidence on a new patient could not be attributed; nothing is written to the EHR. */
public record ReferralUnmatched(UUID referralId, String referredPatientId, UnmatchedReason reason) {}
