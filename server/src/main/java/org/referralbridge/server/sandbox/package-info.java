/**
 * The built-in sandbox EHR: an in-memory HAPI FHIR R4 server inside the application that honours version checks
 * and delivers real rest-hook Subscription notifications over HTTP, so one command runs the whole loop.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sandbox EHR")
package org.referralbridge.server.sandbox;
