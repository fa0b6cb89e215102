/**
 * Advocates and referrals: issuing readable referral codes, and linking each new patient to who referred them
 * (first valid referral wins; self-referrals, unknown and mistyped codes are recorded as unmatched with a reason).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Referrals")
package org.referralbridge.server.referral;
