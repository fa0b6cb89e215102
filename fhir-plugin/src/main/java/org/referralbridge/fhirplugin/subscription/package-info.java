/** Makes sure the R4 rest-hook Subscriptions Referral Bridge needs exist and are switched on in an EHR. */
package org.referralbridge.fhirplugin.subscription;
