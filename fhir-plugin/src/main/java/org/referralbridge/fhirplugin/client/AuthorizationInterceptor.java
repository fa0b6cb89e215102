package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Adds the Authorization header an {@link EhrAuth} calls for to every request. */
final class AuthorizationInterceptor implements IClientInterceptor {

    private final EhrAuth auth;

    AuthorizationInterceptor(EhrAuth auth) {
        this.auth = auth;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        String value = headerValue();
        if (value != null) {
            request.removeHeaders("Authorization");
            request.addHeader("Authorization", value);
        }
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // nothing to do on the way back
    }

    private String headerValue() {
        if (auth instanceof EhrAuth.Basic basic) {
            String pair = basic.username() + ":" + basic.password();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        if (auth instanceof EhrAuth.Bearer bearer) {
            return "Bearer " + bearer.token();
        }
        if (auth instanceof EhrAuth.Tokens tokens) {
            return "Bearer " + tokens.provider().accessToken();
        }
        return null;
    }
}
