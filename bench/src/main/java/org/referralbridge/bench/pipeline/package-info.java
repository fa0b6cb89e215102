/**
 * What the drain, latency and burst figures share: the in-process HAPI FHIR JPA server as the EHR, the service as a
 * separate process on a PostgreSQL schema of its own, and the load they put on the EHR.
 */
package org.referralbridge.bench.pipeline;
