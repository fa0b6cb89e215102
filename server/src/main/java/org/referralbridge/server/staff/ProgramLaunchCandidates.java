package org.referralbridge.server.staff;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramDocument;
import org.referralbridge.server.program.ProgramView;
import org.referralbridge.server.referral.ReferralManagement;
import org.springframework.stereotype.Component;

/**
 * Existing patients who could be invited to the program: those with a finished Encounter in the last N days, read from
 * the EHR each time (one {@code Encounter?status=finished&date=ge…&_include=Encounter:patient} search, never stored),
 * less those already enrolled as advocates, those an active program excludes from referring (its staff list:
 * {@code eligibility.excludedPatients} and {@code excludedIdentifiers}), and deceased ones.
 */
@Component
class ProgramLaunchCandidates {

    /** The most resources (Encounters and their Patients) one look reads from the EHR. */
    static final int MAX_RESOURCES = 2000;

    private final EhrClient ehr;
    private final ReferralManagement referrals;
    private final ProgramCatalog programs;
    private final Clock clock;

    ProgramLaunchCandidates(EhrClient ehr, ReferralManagement referrals, ProgramCatalog programs, Clock clock) {
        this.ehr = ehr;
        this.referrals = referrals;
        this.programs = programs;
        this.clock = clock;
    }

    /**
     * The candidates, latest visit first, whose name contains {@code nameContains} (ignoring case; blank: all).
     *
     * @param days how far back a finished Encounter counts, in days (1 or more)
     */
    Found candidates(int days, String nameContains) {
        LocalDate since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days);
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("status", List.of("finished"));
        params.put("date", List.of("ge" + since));
        params.put("_include", List.of("Encounter:patient"));
        params.put("_count", List.of("200"));
        List<IBaseResource> read =
                ehr.search("Encounter", params).limit(MAX_RESOURCES).toList();
        Map<String, Patient> patients = new HashMap<>();
        Map<String, LocalDate> lastVisit = new HashMap<>();
        for (IBaseResource resource : read) {
            if (resource instanceof Patient patient) {
                patients.put(patient.getIdElement().getIdPart(), patient);
            } else if (resource instanceof Encounter encounter) {
                String patientId = patientOf(encounter);
                if (patientId != null) {
                    lastVisit.merge(patientId, visitDate(encounter, since), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        // an EHR that ignores _include (the sandbox does) answers the Encounters alone: their Patients are read
        for (String patientId : lastVisit.keySet()) {
            if (!patients.containsKey(patientId)) {
                ehr.read(Patient.class, patientId).ifPresent(patient -> patients.put(patientId, patient));
            }
        }
        Exclusions excluded = exclusions();
        String wanted = nameContains == null ? "" : nameContains.strip().toLowerCase(Locale.ROOT);
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, LocalDate> visit : lastVisit.entrySet()) {
            Patient patient = patients.get(visit.getKey());
            if (patient == null || deceased(patient) || excluded.excludes(visit.getKey(), patient)) {
                continue;
            }
            String name = nameOf(patient);
            if (!wanted.isEmpty() && !name.toLowerCase(Locale.ROOT).contains(wanted)) {
                continue;
            }
            if (referrals.advocateOfPatient(visit.getKey()).isPresent()) {
                continue;
            }
            candidates.add(new Candidate(
                    visit.getKey(),
                    name,
                    patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null,
                    visit.getValue()));
        }
        candidates.sort(Comparator.comparing(Candidate::lastVisit).reversed().thenComparing(Candidate::patientId));
        return new Found(candidates, read.size() >= MAX_RESOURCES);
    }

    private Exclusions exclusions() {
        Set<String> patientIds = new HashSet<>();
        Set<String> identifiers = new HashSet<>();
        for (ProgramView view : programs.activeToday()) {
            ProgramDocument.Eligibility eligibility = view.program().eligibility();
            if (eligibility == null) {
                continue;
            }
            eligibility
                    .excludedPatients()
                    .forEach(id -> patientIds.add(id.strip().replaceFirst("^Patient/", "")));
            eligibility.excludedIdentifiers().forEach(id -> identifiers.add(id.strip()));
        }
        return new Exclusions(patientIds, identifiers);
    }

    private static String patientOf(Encounter encounter) {
        if (!encounter.hasSubject() || !encounter.getSubject().hasReference()) {
            return null;
        }
        var reference = encounter.getSubject().getReferenceElement();
        return "Patient".equals(reference.getResourceType()) ? reference.getIdPart() : null;
    }

    /** When the visit ended (else began); an Encounter without either counts as of the window's start. */
    private static LocalDate visitDate(Encounter encounter, LocalDate fallback) {
        if (encounter.getPeriod().hasEnd()) {
            return encounter
                    .getPeriod()
                    .getEnd()
                    .toInstant()
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
        }
        if (encounter.getPeriod().hasStart()) {
            return encounter
                    .getPeriod()
                    .getStart()
                    .toInstant()
                    .atZone(ZoneOffset.UTC)
                    .toLocalDate();
        }
        return fallback;
    }

    private static boolean deceased(Patient patient) {
        if (!patient.hasDeceased()) {
            return false;
        }
        return !(patient.getDeceased() instanceof BooleanType flag) || flag.booleanValue();
    }

    private static String nameOf(Patient patient) {
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(patient.getNameFirstRep());
        String text =
                name.hasText() ? name.getText() : (name.getGivenAsSingleString() + " " + name.getFamily()).strip();
        return text.isBlank() || "null".equals(text) ? "(no name)" : text;
    }

    private record Exclusions(Set<String> patientIds, Set<String> identifiers) {

        boolean excludes(String patientId, Patient patient) {
            if (patientIds.contains(patientId)) {
                return true;
            }
            for (Identifier identifier : patient.getIdentifier()) {
                if (identifier.hasValue()
                        && identifiers.contains(identifier.getSystem() + "|" + identifier.getValue())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The candidates found, and whether the EHR had more to read than one look reads ({@link #MAX_RESOURCES}).
     */
    record Found(List<Candidate> candidates, boolean truncated) {}

    /** PHI: shown on the page, never logged. */
    record Candidate(String patientId, String name, String birthDate, LocalDate lastVisit) {

        @Override
        public String toString() {
            return "Candidate[Patient/" + patientId + ", PHI]";
        }
    }
}
