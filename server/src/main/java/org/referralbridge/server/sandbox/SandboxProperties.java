package org.referralbridge.server.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code referralbridge.sandbox.*}: the built-in sandbox EHR.
 *
 * @param enabled serve it at {@code /sandbox/fhir} and, when no EHR base URL is set, use it as the EHR
 * @param journal a file that keeps its data across restarts; blank keeps it in memory only
 */
@ConfigurationProperties("referralbridge.sandbox")
record SandboxProperties(boolean enabled, String journal) {}
