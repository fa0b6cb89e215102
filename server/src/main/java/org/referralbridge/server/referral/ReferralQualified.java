package org.referralbridge.server.referral;

import java.util.UUID;

/** A linked referral's first qualifying Encounter finished within its program's window: the referral succeeded. */
public record ReferralQualified(
        UUID referralId, String referredPatientId, UUID advocateId, String encounterId, String programKey) {}
