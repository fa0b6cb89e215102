/** A health probe for containers without curl (the HAPI FHIR image is distroless): run with the plugin jar. */
package org.referralbridge.fhirplugin.probe;
