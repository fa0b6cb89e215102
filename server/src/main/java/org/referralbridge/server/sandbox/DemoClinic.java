package org.referralbridge.server.sandbox;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.server.ingest.SubscriptionsCheckedAtStart;
import org.referralbridge.server.referral.ReferralManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo}, fills the sandbox EHR with a small fictional clinic through its REST API, so the whole
 * pipeline runs on it: existing patients with finished encounters, three of them enrolled as advocates, and new
 * patients who name an advocate's code (one of them mistyped). Every demo resource carries an identifier and is
 * created conditionally, so {@code --demo} on a sandbox that already holds the demo adds nothing.
 */
@Component
@ConditionalOnProperty(name = "referralbridge.sandbox.enabled", havingValue = "true")
class DemoClinic {

    private static final Logger log = LoggerFactory.getLogger(DemoClinic.class);
    private static final String DEMO_IDENTIFIER = "https://referralbridge.org/fhir/demo-clinic";
    private static final String[][] EXISTING = {
        {"Rivera", "Ana", "female"},
        {"Okafor", "Chidi", "male"},
        {"Lindqvist", "Maja", "female"},
        {"Tanaka", "Hiro", "male"},
        {"Haddad", "Leila", "female"}
    };
    private static final String[][] REFERRED = {
        {"Moreau", "Jules", "male"},
        {"Novak", "Eva", "female"},
        {"Castillo", "Diego", "male"},
        {"Byrne", "Aoife", "female"}
    };

    private final ApplicationArguments arguments;
    private final EhrClient ehr;
    private final ReferralManagement referrals;

    DemoClinic(ApplicationArguments arguments, EhrClient ehr, ReferralManagement referrals) {
        this.arguments = arguments;
        this.ehr = ehr;
        this.referrals = referrals;
    }

    /** Runs once the service has registered its Subscriptions, which must exist before the demo patients arrive. */
    @EventListener(SubscriptionsCheckedAtStart.class)
    void seedWhenAsked() {
        if (!arguments.containsOption("demo")) {
            return;
        }
        List<String> existing = new ArrayList<>();
        for (String[] person : EXISTING) {
            String id = create(patient(person));
            create(finishedEncounter(id, LocalDate.of(2026, 1, 15)));
            existing.add(id);
        }
        List<String> codes = new ArrayList<>();
        for (String patientId : existing.subList(0, 3)) {
            codes.add(referrals.enrol(patientId).advocate().referralCode());
        }
        String mistyped = codes.get(2).substring(0, codes.get(2).length() - 1)
                + (codes.get(2).endsWith("2") ? "3" : "2");
        String[] referredCodes = {codes.get(0), codes.get(0), codes.get(1), mistyped};
        for (int i = 0; i < REFERRED.length; i++) {
            Patient patient = patient(REFERRED[i]);
            patient.addExtension(referralSource(referredCodes[i]));
            String id = create(patient);
            if (i < 2) {
                create(finishedEncounter(id, LocalDate.now(ZoneOffset.UTC).minusDays(2)));
            }
        }
        log.info(
                "Demo clinic seeded in the sandbox EHR: {} existing patients, advocates with codes {}, {} referred"
                        + " patients (one with a mistyped code); see GET /api/referrals",
                EXISTING.length,
                codes,
                REFERRED.length);
    }

    private String create(Patient patient) {
        String key = patient.getNameFirstRep().getFamily();
        patient.addIdentifier().setSystem(DEMO_IDENTIFIER).setValue(key);
        return ehr.create(patient, "identifier=" + DEMO_IDENTIFIER + "|" + key).id();
    }

    private void create(Encounter encounter) {
        String key = encounter.getSubject().getReference() + "/visit";
        encounter.addIdentifier().setSystem(DEMO_IDENTIFIER).setValue(key);
        ehr.create(encounter, "identifier=" + DEMO_IDENTIFIER + "|" + key);
    }

    private static Patient patient(String[] person) {
        Patient patient = new Patient();
        patient.addName().setFamily(person[0]).addGiven(person[1]);
        patient.setGender(AdministrativeGender.fromCode(person[2]));
        patient.setActive(true);
        return patient;
    }

    private static Extension referralSource(String code) {
        Extension source = new Extension(ReferralSource.URL);
        source.addExtension(
                ReferralSource.CHANNEL,
                new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", "Friend or family member"));
        source.addExtension(ReferralSource.CODE, new StringType(code));
        source.addExtension(ReferralSource.CAPTURED_DATE, new DateTimeType(new Date()));
        source.addExtension(
                ReferralSource.METHOD, new Coding(Canonicals.CAPTURE_METHOD_CODE_SYSTEM, "front-desk", "Front desk"));
        return source;
    }

    private static Encounter finishedEncounter(String patientId, LocalDate day) {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference("Patient/" + patientId));
        Date start = Date.from(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
        Date end = Date.from(day.atTime(9, 30).toInstant(ZoneOffset.UTC));
        encounter.getPeriod().setStart(start).setEnd(end);
        return encounter;
    }
}
