package org.referralbridge.server.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The sandbox EHR answers callers on this machine only: it is the quick tour's stand-in for an EHR, open without
 * sign-in so the tour needs no token, and holds nothing real. Behind a proxy that rewrites the client address
 * ({@code server.forward-headers-strategy}) the proxy's client counts; the sandbox is off in production anyway.
 */
final class LocalCallers implements AuthorizationManager<RequestAuthorizationContext> {

    static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return loopback(context.getRequest().getRemoteAddr()) ? GRANTED : DENIED;
    }

    static boolean loopback(String address) {
        if (address == null || address.isEmpty() || !address.matches("[0-9a-fA-F.:]+")) {
            return false;
        }
        try {
            // an IP literal: no name lookup
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
