/** The Referral Bridge FHIR package (R4): its canonical URLs, loading, and validation against it; and the referral-code rule. */
package org.referralbridge.conformance;
