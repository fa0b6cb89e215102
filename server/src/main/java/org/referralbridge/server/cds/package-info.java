/**
 * CDS Hooks 2.0: the {@code patient-view} service that shows the program inside the EHR while a clinician sees the
 * patient (who referred them, whether they are an advocate, what consent is on file, whether a referral waits for
 * review). Callers are CDS clients proven by their signed JWT ({@link org.referralbridge.server.cds.CdsClientTokens});
 * what a card says of the referrer follows the same consent rules as the privacy interceptor of the FHIR plugin.
 */
@org.springframework.modulith.ApplicationModule(displayName = "CDS Hooks")
package org.referralbridge.server.cds;
