/**
 * A plugin for HAPI FHIR JPA servers: links a new Patient to the advocate whose referral code it carries, at
 * create time, and installs the Referral Bridge SearchParameters.
 */
package org.referralbridge.fhirplugin.hapi;
