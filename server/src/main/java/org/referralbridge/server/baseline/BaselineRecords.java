package org.referralbridge.server.baseline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the backfill keeps of each resource, keyed by its id ({@code baseline_patient}, {@code baseline_encounter}):
 * reading a page again changes nothing, and a newer version replaces the older. Ids, statuses and times only.
 */
@Component
class BaselineRecords {

    private final JdbcClient jdbc;

    BaselineRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void store(List<IBaseResource> page) {
        for (IBaseResource resource : page) {
            if (resource instanceof Patient patient) {
                jdbc.sql("insert into baseline_patient (patient_id, read_at) values (?, now())"
                                + " on conflict (patient_id) do update set read_at = excluded.read_at")
                        .param(patient.getIdElement().getIdPart())
                        .update();
            } else if (resource instanceof Encounter encounter) {
                jdbc.sql("insert into baseline_encounter (encounter_id, patient_id, status, started_at, ended_at,"
                                + " read_at) values (?, ?, ?, ?, ?, now()) on conflict (encounter_id) do update set"
                                + " patient_id = excluded.patient_id, status = excluded.status,"
                                + " started_at = excluded.started_at, ended_at = excluded.ended_at,"
                                + " read_at = excluded.read_at")
                        .params(
                                encounter.getIdElement().getIdPart(),
                                patientId(encounter),
                                encounter.hasStatus() ? encounter.getStatus().toCode() : null,
                                utc(encounter.getPeriod().getStart()),
                                utc(encounter.getPeriod().getEnd()))
                        .update();
            }
        }
    }

    /** The subject's id when it is a Patient reference ({@code Patient/<id>} or an absolute URL ending so). */
    private static String patientId(Encounter encounter) {
        String reference = encounter.getSubject().getReference();
        if (reference == null) {
            return null;
        }
        int at = reference.lastIndexOf("Patient/");
        if (at < 0) {
            return null;
        }
        String id = reference.substring(at + "Patient/".length());
        int history = id.indexOf('/');
        return history < 0 ? id : id.substring(0, history);
    }

    private static OffsetDateTime utc(java.util.Date date) {
        return date == null ? null : Instant.ofEpochMilli(date.getTime()).atOffset(ZoneOffset.UTC);
    }
}
