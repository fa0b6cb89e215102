package org.referralbridge.fhirplugin.testing;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Remembers the Authorization header of the latest request, so tests can see what the client sent. */
@Interceptor
final class AuthorizationRecorder {

    private final AtomicReference<Optional<String>> last = new AtomicReference<>(Optional.empty());

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean record(HttpServletRequest request) {
        last.set(Optional.ofNullable(request.getHeader("Authorization")));
        return true;
    }

    Optional<String> last() {
        return last.get();
    }
}
