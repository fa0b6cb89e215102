package org.referralbridge.server.referral;

/** The referral recorded for a claim, and whether this claim recorded it (false: an earlier one already had). */
public record ReferralRecording(ReferralView referral, boolean newlyRecorded) {}
