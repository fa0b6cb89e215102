/**
 * The EHR FHIR client: authenticated (basic, bearer, SMART Backend Services), version-safe reads and writes, paging
 * searches and named failures.
 */
package org.referralbridge.fhirplugin.client;
