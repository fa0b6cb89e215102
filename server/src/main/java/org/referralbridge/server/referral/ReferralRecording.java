package org.referralbridge.server.referral;

/**
 * The referral as it stands after a claim, and whether this claim changed it (recorded it, or superseded an unmatched
 * or channel-only one); false: it already said so, or a referrer was already known.
 */
public record ReferralRecording(ReferralView referral, boolean newlyRecorded) {}
