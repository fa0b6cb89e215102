package org.referralbridge.server.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.server.queue.WorkItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Patient items of one claimed inbox batch need from the EHR, fetched with two searches for the whole batch
 * ({@code Patient?_id=a,b,c} and {@code Encounter?patient=a,b,c&status=finished}) instead of a read and a search per
 * item. Kept per worker thread for that batch only, and each Patient is handed out once: a retry, a second item of
 * the same patient or anything the searches did not return is read on its own, as without the prefetch. A failed
 * search only costs the reads it would have saved.
 */
class BatchPrefetch {

    private static final Logger log = LoggerFactory.getLogger(BatchPrefetch.class);

    /** Below this many patients in a batch, single reads are as cheap as the searches. */
    static final int MIN_PATIENTS = 2;

    private final EhrClient ehr;
    private final ThreadLocal<Fetched> current = new ThreadLocal<>();

    BatchPrefetch(EhrClient ehr) {
        this.ehr = ehr;
    }

    /**
     * @param encountersOf the patients whose finished Encounters {@code encounters} holds (each handed out once)
     * @param encounters the finished Encounters of all of them, to be told apart by the mapping profile's reading
     */
    private record Fetched(Map<String, Patient> patients, Set<String> encountersOf, List<Encounter> encounters) {}

    /** Fetches the current Patients of the batch's Patient items, and their finished Encounters. */
    void fetchFor(List<WorkItem> batch) {
        current.remove();
        Set<String> ids = new LinkedHashSet<>();
        for (WorkItem item : batch) {
            if (Inbox.RESOURCE_CHANGED.equals(item.kind())
                    && "Patient".equals(item.resourceType())
                    && !ehr.wroteVersion(item.resourceType(), item.resourceId(), item.versionId())) {
                ids.add(item.resourceId());
            }
        }
        if (ids.size() < MIN_PATIENTS) {
            return;
        }
        String idList = String.join(",", ids);
        String count = Integer.toString(ids.size());
        Map<String, Patient> patients = new HashMap<>();
        List<Encounter> encounters = new ArrayList<>();
        try {
            ehr.search("Patient", Map.of("_id", List.of(idList), "_count", List.of(count)))
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .filter(patient -> ids.contains(patient.getIdElement().getIdPart()))
                    .forEach(patient -> patients.put(patient.getIdElement().getIdPart(), patient));
            ehr.search(
                            "Encounter",
                            Map.of("patient", List.of(idList), "status", List.of("finished"), "_count", List.of("500")))
                    .filter(Encounter.class::isInstance)
                    .map(Encounter.class::cast)
                    .forEach(encounters::add);
        } catch (EhrException e) {
            log.debug("Prefetching {} Patients failed ({}); reading them one by one", ids.size(), e.getMessage());
            return;
        }
        current.set(new Fetched(patients, new HashSet<>(patients.keySet()), encounters));
    }

    /** The Patient as the batch's search returned it, once; empty when it was not fetched (read it then). */
    Optional<Patient> takePatient(String id) {
        Fetched fetched = current.get();
        return fetched == null
                ? Optional.empty()
                : Optional.ofNullable(fetched.patients().remove(id));
    }

    /**
     * The finished Encounters the batch's search returned, among them the patient's (the caller tells which are the
     * patient's, as it does with a search of its own), once per patient; empty when they were not fetched (search for
     * them then).
     */
    Optional<List<Encounter>> takeFinishedEncounters(String patientId) {
        Fetched fetched = current.get();
        if (fetched == null || !fetched.encountersOf().remove(patientId)) {
            return Optional.empty();
        }
        return Optional.of(fetched.encounters());
    }

    void clear() {
        current.remove();
    }
}
