/** The append-only reward ledger: what each referrer earned, voided and corrected, and the yearly sums the caps count. */
@org.springframework.modulith.ApplicationModule(displayName = "Rewards")
package org.referralbridge.server.reward;
