package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links each new Patient to its referrer while it is being created, in the same transaction, so the Patient is
 * stored (and notified to subscribers) already linked, as version 1. Registered with the JPA server's interceptor
 * service, so it sees every create: REST, transaction bundles, and writes by other server components.
 *
 * <p>A failure never blocks the create: the Patient is then stored as sent, and the failure is logged with the
 * resource's type and id only.
 */
@Interceptor
final class ReferrerLinkingInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ReferrerLinkingInterceptor.class);

    private final ReferrerLinker linker;

    ReferrerLinkingInterceptor(ReferrerLinker linker) {
        this.linker = linker;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    void patientCreated(IBaseResource resource) {
        if (!(resource instanceof Patient patient)) {
            return;
        }
        try {
            ReferrerLinker.Outcome outcome = linker.link(patient);
            log.debug("Referral link of new {}: {}", describe(patient), outcome);
        } catch (RuntimeException failure) {
            // The message of a HAPI failure may quote the search (the code); the class name says enough.
            log.warn(
                    "Could not link new {} to its referrer ({}); stored without referrer",
                    describe(patient),
                    failure.getClass().getSimpleName());
        }
    }

    private static String describe(Patient patient) {
        String id = patient.getIdElement().getIdPart();
        return id == null ? "Patient (id not yet assigned)" : "Patient/" + id;
    }
}
