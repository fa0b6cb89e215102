/**
 * A plugin for HAPI FHIR JPA servers: links a new Patient to the advocate whose referral code it carries, at
 * create time, installs the Referral Bridge SearchParameters, and hides the referrer from patient-facing responses.
 */
package org.referralbridge.fhirplugin.hapi;
