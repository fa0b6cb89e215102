package org.referralbridge.server.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
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
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.program.ProgramConflict;
import org.referralbridge.server.referral.ReferralManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code --demo}, fills the sandbox EHR with a small fictional clinic through its REST API, so the whole
 * pipeline runs on it: a referral program ({@value #PROGRAM_KEY}: a $10 service credit per successful referral,
 * approved by a program admin), existing patients with finished encounters, three of them enrolled as advocates, and
 * new patients who name an advocate's code (one of them mistyped). Three of the referred patients have had their
 * first visit, so their referrals qualify: two earn a credit awaiting approval, and one, a Medicare beneficiary, a
 * thank-you only (the anti-kickback rule). Each referred patient has an Appointment booked a few days after the
 * referral (for the reports' "days to first appointment booked"). Every demo resource carries an identifier and is created conditionally,
 * so {@code --demo} on a sandbox that already holds the demo adds nothing.
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

    static final String PROGRAM_KEY = "demo-friends";

    private final ApplicationArguments arguments;
    private final EhrClient ehr;
    private final ReferralManagement referrals;
    private final ProgramCatalog programs;
    private final ObjectMapper json;

    DemoClinic(
            ApplicationArguments arguments,
            EhrClient ehr,
            ReferralManagement referrals,
            ProgramCatalog programs,
            ObjectMapper json) {
        this.arguments = arguments;
        this.ehr = ehr;
        this.referrals = referrals;
        this.programs = programs;
        this.json = json;
    }

    /** Runs once the service has registered its Subscriptions, which must exist before the demo patients arrive. */
    @EventListener(SubscriptionsCheckedAtStart.class)
    void seedWhenAsked() {
        if (!arguments.containsOption("demo")) {
            return;
        }
        defineProgram();
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
            if (i == 1) {
                create(medicare(id));
            }
            if (i < 3) {
                create(finishedEncounter(id, LocalDate.now(ZoneOffset.UTC).minusDays(2)));
            }
            // booked 1 to 4 days after the referral was captured: the first three for the visits two days ago,
            // the fourth for next week
            create(appointment(id, i + 1, i < 3));
        }
        log.info(
                "Demo clinic seeded in the sandbox EHR: program {}, {} existing patients, advocates with codes {}, {}"
                        + " referred patients (one with a mistyped code); see GET /api/referrals and GET /api/rewards",
                PROGRAM_KEY,
                EXISTING.length,
                codes,
                REFERRED.length);
    }

    /** The demo's program, unless a program of that key exists already (an earlier {@code --demo}). */
    private void defineProgram() {
        if (programs.program(PROGRAM_KEY).isPresent()) {
            return;
        }
        try (InputStream document = DemoClinic.class.getResourceAsStream("demo-program.json")) {
            programs.create(json.readTree(document), "demo");
        } catch (IOException e) {
            throw new UncheckedIOException("the demo program cannot be read", e);
        } catch (ProgramConflict e) {
            log.info("The demo program is not defined: {}", e.getMessage());
        }
    }

    private void create(Coverage coverage) {
        String key = coverage.getBeneficiary().getReference() + "/coverage";
        coverage.addIdentifier().setSystem(DEMO_IDENTIFIER).setValue(key);
        ehr.create(coverage, "identifier=" + DEMO_IDENTIFIER + "|" + key);
    }

    /** Medicare Part B since 2020, as Source of Payment Typology code 1. */
    private static Coverage medicare(String patientId) {
        Coverage coverage = new Coverage();
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/" + patientId));
        coverage.setType(new CodeableConcept(new Coding("https://nahdo.org/sopt", "1", "Medicare")));
        coverage.getPeriod().setStartElement(new DateTimeType("2020-01-01"));
        coverage.addPayor().setDisplay("Medicare");
        return coverage;
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

    private void create(Appointment appointment) {
        String key = appointment.getParticipantFirstRep().getActor().getReference() + "/appointment";
        appointment.addIdentifier().setSystem(DEMO_IDENTIFIER).setValue(key);
        ehr.create(appointment, "identifier=" + DEMO_IDENTIFIER + "|" + key);
    }

    /** Booked {@code daysAfterReferral} after the referral was captured; fulfilled two days ago, or booked ahead. */
    private static Appointment appointment(String patientId, int daysAfterReferral, boolean fulfilled) {
        java.time.Instant now = java.time.Instant.now();
        Appointment appointment = new Appointment();
        appointment.setStatus(
                fulfilled ? Appointment.AppointmentStatus.FULFILLED : Appointment.AppointmentStatus.BOOKED);
        appointment.setCreated(Date.from(now.minus(java.time.Duration.ofDays(7 - daysAfterReferral))));
        LocalDate day = fulfilled
                ? LocalDate.now(ZoneOffset.UTC).minusDays(2)
                : LocalDate.now(ZoneOffset.UTC).plusDays(7);
        appointment.setStart(Date.from(day.atTime(9, 0).toInstant(ZoneOffset.UTC)));
        appointment.setEnd(Date.from(day.atTime(9, 30).toInstant(ZoneOffset.UTC)));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return appointment;
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
        // captured at the front desk a week ago; the first visits below were two days ago
        source.addExtension(
                ReferralSource.CAPTURED_DATE,
                new DateTimeType(Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(7)))));
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
