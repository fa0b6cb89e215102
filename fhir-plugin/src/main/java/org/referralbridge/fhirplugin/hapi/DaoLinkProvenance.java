package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.util.HapiExtensions;
import java.time.Clock;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link LinkProvenance} through the server's Provenance DAO with the create's TransactionDetails, so it
 * joins the create's transaction: both are stored, or neither. It is written as a system request derived from the
 * create's (same tenant), so the server's authorization rules for the person creating the Patient do not decide
 * whether the plugin's own record is kept.
 */
final class DaoLinkProvenance implements LinkRecorder {

    private static final Logger log = LoggerFactory.getLogger(DaoLinkProvenance.class);
    private static final String PROVENANCE = "Provenance";

    private final DaoRegistry daos;
    private final Clock clock;

    DaoLinkProvenance(DaoRegistry daos, Clock clock) {
        this.daos = daos;
        this.clock = clock;
    }

    @Override
    public void record(
            Patient patient, ReferrerLinker.Result result, RequestDetails request, TransactionDetails transaction) {
        if (!daos.isResourceTypeSupported(PROVENANCE)) {
            // a server configured without Provenance still gets its links; they are just not recorded there
            log.warn("{} changed without a Provenance: this server does not store Provenance", versionOf(patient));
            return;
        }
        Provenance provenance = LinkProvenance.of(versionOf(patient), result.rules(), clock.instant());
        // HAPI strips versions from references when it stores a resource, unless told otherwise for this one
        provenance
                .getMeta()
                .addExtension(HapiExtensions.EXTENSION_AUTO_VERSION_REFERENCES_AT_PATH, new StringType("target"));
        RequestDetails system = request == null ? new SystemRequestDetails() : new SystemRequestDetails(request);
        daos.getResourceDao(Provenance.class).create(provenance, null, true, system, transaction);
    }

    private static String versionOf(Patient patient) {
        IIdType id = patient.getIdElement();
        String version = id.hasVersionIdPart()
                ? id.getVersionIdPart()
                : patient.getMeta().getVersionId();
        String unversioned = "Patient/" + id.getIdPart();
        return version == null ? unversioned : unversioned + "/_history/" + version;
    }
}
