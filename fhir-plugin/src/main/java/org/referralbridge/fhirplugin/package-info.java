/** Everything that speaks HAPI FHIR to an EHR: its client, Subscriptions on it and the notifications it sends. */
package org.referralbridge.fhirplugin;
