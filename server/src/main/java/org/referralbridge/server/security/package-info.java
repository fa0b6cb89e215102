/**
 * Sign-in and roles: who may call which endpoint (each endpoint declares its roles next to itself), the local user
 * store of the embedded default, OIDC bearer tokens in production, and the response headers every answer carries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.referralbridge.server.security;
