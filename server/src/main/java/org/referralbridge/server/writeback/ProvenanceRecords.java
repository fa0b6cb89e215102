package org.referralbridge.server.writeback;

import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.queue.WorkItem;

/**
 * A Provenance for each write to the EHR: which version Referral Bridge made, when, and which rule caused it. It is
 * tagged with the write's globally unique id and created under an id made from it ({@code PUT Provenance/rb-write-
 * <uuid>}), or, where the EHR does not let clients choose ids, conditionally on that tag. Either way a retried
 * write-back never records it twice, and no other write ever matches it: not after a database reset, not from
 * another deployment writing to the same EHR.
 */
class ProvenanceRecords {

    static final String WRITE_TAG_SYSTEM = Canonicals.BASE + "/CodeSystem/write-back";
    static final String RULE_BASE = Canonicals.BASE + "/rule/";

    private final EhrClient ehr;
    private final Clock clock;

    ProvenanceRecords(EhrClient ehr, Clock clock) {
        this.ehr = ehr;
        this.clock = clock;
    }

    /** The write changed a resource of the EHR's (an extension of a Patient): activity {@code UPDATE}. */
    void record(WorkItem item, UUID writeId, String resourceType, String id, String versionId) {
        record(item, writeId, resourceType, id, versionId, false, null);
    }

    /**
     * A write of a resource of our own (a reward's Basic or Task): activity {@code CREATE} for its first version,
     * else {@code UPDATE}, and {@code reason.text} saying why it happened (e.g. {@code approved by a program admin}).
     *
     * @param cause no PHI; null when there is none to name
     */
    void record(
            WorkItem item,
            UUID writeId,
            String resourceType,
            String id,
            String versionId,
            boolean created,
            String cause) {
        String tag = tag(item, writeId);
        Provenance provenance = provenance(item, writeId, resourceType, id, versionId, created, cause);
        String ifNoneExist = "_tag=" + WRITE_TAG_SYSTEM + "|" + tag;
        if (writeId == null) {
            ehr.create(provenance, ifNoneExist);
        } else {
            // its id is the write's: a retry writes the same Provenance again, and the EHR needs no search to know
            ehr.createWithId(provenance, idOf(writeId), ifNoneExist);
        }
    }

    /** The id of the Provenance of a write, where the EHR lets us choose it: {@code rb-write-<uuid>}. */
    static String idOf(UUID writeId) {
        return "rb-write-" + writeId;
    }

    /** {@code write-<uuid>}; rows queued before write ids existed keep the tag they may already have written. */
    static String tag(WorkItem item, UUID writeId) {
        return writeId != null ? "write-" + writeId : "outbox-" + item.id();
    }

    /** The Provenance {@link #record} writes. */
    Provenance provenance(
            WorkItem item,
            UUID writeId,
            String resourceType,
            String id,
            String versionId,
            boolean created,
            String cause) {
        Provenance provenance = provenance(item, resourceType, id, versionId, tag(item, writeId));
        if (created) {
            provenance.setActivity(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        }
        if (cause != null && !cause.isBlank()) {
            provenance.addReason().setText(cause);
        }
        return provenance;
    }

    private Provenance provenance(WorkItem item, String resourceType, String id, String versionId, String tag) {
        Provenance provenance = new Provenance();
        provenance.getMeta().addTag(WRITE_TAG_SYSTEM, tag, "Referral Bridge write-back");
        String target = resourceType + "/" + id + (versionId == null ? "" : "/_history/" + versionId);
        provenance.addTarget(new Reference(target));
        provenance.setRecorded(Date.from(clock.instant()));
        provenance.addPolicy(RULE_BASE + item.kind());
        provenance.setActivity(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "UPDATE", "revise")));
        provenance
                .addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(new Reference()
                        .setType("Device")
                        .setIdentifier(new Identifier()
                                .setSystem(Canonicals.SERVICE_IDENTIFIER_SYSTEM)
                                .setValue("referral-bridge"))
                        .setDisplay("Referral Bridge"));
        return provenance;
    }
}
