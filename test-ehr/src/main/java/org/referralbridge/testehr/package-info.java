/** A real HAPI FHIR JPA server (R4, H2 in memory, rest-hook subscriptions) in-process, as a fixture for tests. */
package org.referralbridge.testehr;
