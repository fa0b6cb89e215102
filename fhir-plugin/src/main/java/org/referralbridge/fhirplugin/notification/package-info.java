/** The shapes of the notifications an EHR sends: classic R4 rest-hooks and topic-based notification Bundles. */
package org.referralbridge.fhirplugin.notification;
