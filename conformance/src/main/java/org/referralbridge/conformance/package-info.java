/** The Referral Bridge FHIR package (R4): its canonical URLs, loading, and validation against it. */
package org.referralbridge.conformance;
