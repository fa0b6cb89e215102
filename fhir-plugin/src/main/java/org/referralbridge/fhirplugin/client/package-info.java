/** The EHR FHIR client: authenticated, version-safe reads and writes, paging searches and named failures. */
package org.referralbridge.fhirplugin.client;
