package org.referralbridge.fhirplugin.client;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Turns 429 and 5xx answers into {@link TransientStatus} while the response headers are still at hand: HAPI's own
 * exceptions for error statuses do not carry the headers, so a Retry-After would be lost otherwise. Reads the response
 * from the {@link ClientResponseContext}, so that it sees the repeated response when {@link AuthorizationInterceptor}
 * (registered before it) repeated a request after a 401.
 */
@Interceptor
final class TransientStatusInterceptor {

    private final Clock clock;

    TransientStatusInterceptor(Clock clock) {
        this.clock = clock;
    }

    @Hook(Pointcut.CLIENT_RESPONSE)
    public void interceptResponse(ClientResponseContext context) {
        IHttpResponse response = context.getHttpResponse();
        int status = response.getStatus();
        if (status == 429 || status >= 500) {
            List<String> values = response.getHeaders("Retry-After");
            String retryAfter = values == null || values.isEmpty() ? null : values.get(0);
            throw new TransientStatus(
                    status, RetryAfter.parse(retryAfter, clock).orElse(null));
        }
    }

    /** Carries a transient status out of HAPI's client to {@link FailureTranslation}, which names the operation. */
    static final class TransientStatus extends RuntimeException {

        private final int status;
        private final transient Duration retryAfter;

        TransientStatus(int status, Duration retryAfter) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        int status() {
            return status;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }
}
