/**
 * The referred friend's landing page: {@code /r/{code}}, public, shows the practice's program and a contact form (a
 * lead), never anything about the advocate whose code it is. A mistyped code gets a friendly page that may suggest
 * the code the check character says was meant. A lead links to the friend's referral once they appear in the EHR as
 * a Patient (by the code, or by the contact they left), and only then are the consents they chose recorded.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Friend landing page")
package org.referralbridge.server.landing;
