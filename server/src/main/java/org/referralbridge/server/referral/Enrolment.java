package org.referralbridge.server.referral;

/** The result of enrolling a patient: the advocate, and whether they were enrolled just now. */
public record Enrolment(AdvocateView advocate, boolean newlyEnrolled) {}
