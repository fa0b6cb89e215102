package org.referralbridge.server.writeback;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrRequestRejected;
import org.referralbridge.fhirplugin.client.EhrResponseMalformed;
import org.referralbridge.fhirplugin.client.EhrUnavailable;
import org.referralbridge.fhirplugin.client.EhrVersionConflict;
import org.referralbridge.fhirplugin.client.EhrWriteRefused;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;

/** The write-backs of our own resources (rewards, consents) call the EHR the same way: these are the shared parts. */
final class EhrCalls {

    private EhrCalls() {}

    /** Runs a call to the EHR, turning its failures into the queue's: retried, or failed for good. */
    static <R> R call(String what, Supplier<R> call) {
        try {
            return call.get();
        } catch (EhrUnavailable e) {
            throw new RetryLater(e.getMessage(), e.retryAfter().orElse(null), e);
        } catch (EhrResponseMalformed | EhrVersionConflict e) {
            throw new RetryLater(e.getMessage(), null, e);
        } catch (EhrRequestRejected e) {
            throw OutboxHandler.rejected(e, what + ": ");
        } catch (EhrWriteRefused e) {
            throw new PermanentFailure(e.getMessage(), e);
        }
    }

    /**
     * The id of the one resource of ours a {@code name=value} query finds (our identifier), or null.
     *
     * @throws PermanentFailure when the EHR holds two: something other than the service wrote one
     */
    static String findOne(EhrClient ehr, String type, String query) {
        int eq = query.indexOf('=');
        Map<String, List<String>> params = Map.of(query.substring(0, eq), List.of(query.substring(eq + 1)));
        List<IBaseResource> found =
                call("search " + type, () -> ehr.search(type, params).limit(2).toList());
        if (found.size() > 1) {
            throw new PermanentFailure("the EHR holds more than one " + type + " with our identifier", null);
        }
        return found.isEmpty() ? null : found.get(0).getIdElement().getIdPart();
    }
}
