/**
 * Receiving what the EHR tells us: the notification endpoint (auth, size limit, one INSERT), the inbox worker that
 * reads the current resource from the EHR and hands the evidence to the domain, and the Subscriptions we keep on
 * the EHR.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingest")
package org.referralbridge.server.ingest;
