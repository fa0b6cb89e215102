/**
 * The connection to the EHR's FHIR server: the application's one FhirContext, the EHR client and its settings,
 * and what other modules ask of the EHR through small ports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "EHR connection")
package org.referralbridge.server.ehr;
