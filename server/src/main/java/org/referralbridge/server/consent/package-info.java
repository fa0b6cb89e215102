/**
 * Consent as the program needs it: whether the referred patient lets the practice tell the referrer, whether an
 * advocate may be named publicly, and on which channels a patient accepts program messages. Each consent comes from
 * the EHR (its Consent resources) or from the front desk through the API (then written to the EHR); every change is a
 * new row, the history kept, and a revocation takes effect before the next decision.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent")
package org.referralbridge.server.consent;
