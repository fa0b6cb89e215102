package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links each new Patient to its referrer while it is being created, in the same transaction, so the Patient is
 * stored (and notified to subscribers) already linked, as version 1; and, when it changed the Patient, records a
 * Provenance for that version in the same transaction. Registered with the JPA server's interceptor service, so it
 * sees every create: REST, transaction bundles, and writes by other server components.
 *
 * <p>A failure of the link never blocks the create: the Patient is then stored as sent, and the failure is logged
 * with the resource's type and id only. A failure of the Provenance does fail the create (the link and its record
 * are stored together or not at all); inside one transaction a failed write cannot be ignored anyway.
 */
@Interceptor
final class ReferrerLinkingInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReferrerLinkingInterceptor.class);

    /** Carries what the plugin changed from before storage to before commit, on the resource being created. */
    static final String CHANGED = ReferrerLinkingInterceptor.class.getName() + ".changed";

    private final ReferrerLinker linker;
    private final LinkRecorder recorder;

    ReferrerLinkingInterceptor(ReferrerLinker linker, LinkRecorder recorder) {
        this.linker = linker;
        this.recorder = recorder;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    void patientCreated(IBaseResource resource) {
        if (!(resource instanceof Patient patient)) {
            return;
        }
        try {
            ReferrerLinker.Result result = linker.link(patient);
            log.debug("Referral link of new {}: {}", describe(patient), result);
            if (result.changed()) {
                patient.setUserData(CHANGED, result);
            }
        } catch (RuntimeException failure) {
            // The message of a HAPI failure may quote the search (the code); the class name says enough.
            log.warn(
                    "Could not link new {} to its referrer ({}); stored without referrer",
                    describe(patient),
                    failure.getClass().getSimpleName());
        }
    }

    /**
     * Runs once the Patient has its id and version, before the commit (in a transaction Bundle, after all its
     * entries are stored, when references between them are resolved).
     */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    void patientStored(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        if (!(resource instanceof Patient patient)
                || !(patient.getUserData(CHANGED) instanceof ReferrerLinker.Result result)) {
            return;
        }
        patient.clearUserData(CHANGED);
        recorder.record(patient, result, request, transaction);
    }

    private static String describe(Patient patient) {
        String id = patient.getIdElement().getIdPart();
        return id == null ? "Patient (id not yet assigned)" : "Patient/" + id;
    }
}
