package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.UUID;

/** A patient became an advocate: their record in the EHR should show their referral code (display form). */
public record AdvocateEnrolled(UUID advocateId, String patientId, String referralCode, Instant enrolledAt) {}
