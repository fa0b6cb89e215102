/**
 * Advocates and referrals: issuing readable referral codes, and linking each new patient to who referred them
 * (first valid referral wins: self-referrals, unknown and mistyped codes are recorded as unmatched with a reason, a
 * channel without a referrer as channel-only, and either is superseded by a later valid referral, history kept).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Referrals")
package org.referralbridge.server.referral;
