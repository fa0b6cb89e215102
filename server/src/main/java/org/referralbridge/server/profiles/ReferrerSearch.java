package org.referralbridge.server.profiles;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.mapping.ReferrerDescription;
import org.referralbridge.mapping.ReferrerIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the referrer a patient named, on the EHR: by an identifier (MRN, member number; exactly one Patient, or
 * none), or by demographics (scored candidates for staff to decide on, never linked automatically). Read-only; logs
 * counts, never what was searched for.
 */
@Component
public class ReferrerSearch {

    private static final Logger log = LoggerFactory.getLogger(ReferrerSearch.class);

    /** A candidate below this score is no candidate. */
    static final int MIN_SCORE = 40;

    /** At most this many candidates, best first. */
    static final int MAX_CANDIDATES = 5;

    private static final String PAGE_SIZE = "20";

    private final EhrClient ehr;

    ReferrerSearch(EhrClient ehr) {
        this.ehr = ehr;
    }

    /** The one Patient holding this identifier; empty when none or several do (an ambiguous identifier names nobody). */
    public Optional<String> byIdentifier(ReferrerIdentifier identifier) {
        String token =
                identifier.system() == null ? identifier.value() : identifier.system() + "|" + identifier.value();
        List<String> ids = ehr.search("Patient", Map.of("identifier", List.of(token), "_count", List.of(PAGE_SIZE)))
                .limit(2)
                .map(resource -> resource.getIdElement().getIdPart())
                .toList();
        if (ids.size() != 1) {
            log.debug("A referrer identifier matched {} Patients; nobody is linked by it", ids.size());
            return Optional.empty();
        }
        return Optional.of(ids.get(0));
    }

    /**
     * EHR Patients that may be the person described, best first, each scored 0 to 100: family name 35, given name 25,
     * birth date 25, phone 10, email 10 (a match on each part; names compared without case or accents).
     *
     * @param referredPatientId the patient who named the referrer, never their own candidate
     */
    public List<ScoredCandidate> candidates(ReferrerDescription description, String referredPatientId) {
        Map<String, Patient> found = new LinkedHashMap<>();
        nameQuery(description).ifPresent(query -> collect(query, found));
        description.phone().ifPresent(phone -> collect(Map.of("phone", List.of(phone.strip())), found));
        description.email().ifPresent(email -> collect(Map.of("email", List.of(email.strip())), found));
        found.remove(referredPatientId);
        List<ScoredCandidate> scored = found.values().stream()
                .map(patient -> new ScoredCandidate(patient.getIdElement().getIdPart(), score(description, patient)))
                .filter(candidate -> candidate.score() >= MIN_SCORE)
                .sorted(Comparator.comparingInt(ScoredCandidate::score)
                        .reversed()
                        .thenComparing(ScoredCandidate::patientId))
                .limit(MAX_CANDIDATES)
                .toList();
        log.debug("A referrer described by {} has {} candidate(s)", description.presentFields(), scored.size());
        return scored;
    }

    private static Optional<Map<String, List<String>>> nameQuery(ReferrerDescription description) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        description.family().ifPresent(family -> query.put("family", List.of(family.strip())));
        description.given().ifPresent(given -> query.put("given", List.of(firstWord(given))));
        if (query.isEmpty()) {
            List<String> words = description.text().map(ReferrerSearch::words).orElse(List.of());
            if (words.isEmpty()) {
                return Optional.empty();
            }
            // every word must start one of the name's parts: "Ana Rivera" and "Rivera, Ana" alike
            query.put("name", words);
        }
        // the birth date scores, it does not filter: a namesake is a candidate too, ranked lower
        query.put("_count", List.of(PAGE_SIZE));
        return Optional.of(query);
    }

    private void collect(Map<String, List<String>> query, Map<String, Patient> found) {
        ehr.search("Patient", query)
                .limit(Integer.parseInt(PAGE_SIZE))
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .forEach(patient -> found.putIfAbsent(patient.getIdElement().getIdPart(), patient));
    }

    static int score(ReferrerDescription description, IBaseResource resource) {
        Patient patient = (Patient) resource;
        List<String> families = new ArrayList<>();
        List<String> givens = new ArrayList<>();
        for (HumanName name : patient.getName()) {
            if (name.hasFamily()) {
                families.add(normal(name.getFamily()));
            }
            name.getGiven().forEach(given -> givens.add(normal(given.getValue())));
        }
        List<String> said = new ArrayList<>();
        description.text().ifPresent(text -> words(text).forEach(word -> said.add(normal(word))));
        boolean family =
                description.family().map(f -> families.contains(normal(f))).orElse(false)
                        || said.stream().anyMatch(families::contains);
        boolean given = description
                        .given()
                        .map(g -> givens.contains(normal(firstWord(g))))
                        .orElse(false)
                || said.stream().anyMatch(givens::contains);
        boolean birthDate = description
                .birthDate()
                .map(date -> patient.hasBirthDate()
                        && date.toString().equals(patient.getBirthDateElement().getValueAsString()))
                .orElse(false);
        boolean phone = description
                .phone()
                .map(p -> hasContact(patient, ContactPoint.ContactPointSystem.PHONE, digits(p)))
                .orElse(false);
        boolean email = description
                .email()
                .map(e -> hasContact(
                        patient,
                        ContactPoint.ContactPointSystem.EMAIL,
                        e.strip().toLowerCase(Locale.ROOT)))
                .orElse(false);
        int score = (family ? 35 : 0) + (given ? 25 : 0) + (birthDate ? 25 : 0) + (phone ? 10 : 0) + (email ? 10 : 0);
        return Math.min(score, 100);
    }

    private static boolean hasContact(Patient patient, ContactPoint.ContactPointSystem system, String wanted) {
        return !wanted.isEmpty()
                && patient.getTelecom().stream()
                        .filter(point -> point.getSystem() == system && point.hasValue())
                        .map(point -> system == ContactPoint.ContactPointSystem.PHONE
                                ? digits(point.getValue())
                                : point.getValue().strip().toLowerCase(Locale.ROOT))
                        .anyMatch(value -> value.equals(wanted) || wanted.length() >= 7 && value.endsWith(wanted));
    }

    private static List<String> words(String text) {
        return List.of(text.replace(',', ' ').strip().split("\\s+")).stream()
                .filter(word -> word.length() > 1)
                .limit(4)
                .toList();
    }

    private static String firstWord(String text) {
        return text.strip().split("\\s+")[0];
    }

    private static String normal(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    /** A Patient that may be the referrer, with how well it matches (0 to 100); ids and a score, no name. */
    public record ScoredCandidate(String patientId, int score) {}
}
