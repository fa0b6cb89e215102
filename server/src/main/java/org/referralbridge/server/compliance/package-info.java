/**
 * Compliance of referral rewards with anti-kickback, beneficiary-inducement and state law: a pure decision (allow,
 * reduce, thank-you only, block) over one reward item, naming the rules that decided it and their legal sources.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Compliance")
package org.referralbridge.server.compliance;
