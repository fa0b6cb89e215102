package org.referralbridge.conformance;

import java.util.List;

/** Canonical URLs of the Referral Bridge FHIR package; every module refers to its artifacts through these. */
public final class Canonicals {

    /** Canonical base of every artifact in the package. */
    public static final String BASE = "https://referralbridge.org/fhir";

    public static final String PACKAGE_NAME = "org.referralbridge.fhir";

    public static final String REFERRAL_CHANNEL_CODE_SYSTEM = BASE + "/CodeSystem/referral-channel";
    public static final String REFERRAL_CHANNEL_VALUE_SET = BASE + "/ValueSet/referral-channel";
    public static final String CAPTURE_METHOD_CODE_SYSTEM = BASE + "/CodeSystem/referral-capture-method";
    public static final String CAPTURE_METHOD_VALUE_SET = BASE + "/ValueSet/referral-capture-method";

    /** Identifier system for the Subscriptions and other resources the service itself creates in an EHR. */
    public static final String SERVICE_IDENTIFIER_SYSTEM = BASE + "/NamingSystem/referral-bridge";

    /** The CapabilityStatement of the Referral Bridge service (its notification endpoint and what it needs). */
    public static final String CAPABILITY_STATEMENT = BASE + "/CapabilityStatement/referral-bridge";

    private Canonicals() {}

    /**
     * The package's SearchParameters on Patient, by code as used in a search URL, e.g. {@code
     * Patient?referral-referrer=Patient/123}. An EHR's FHIR server knows them once it has loaded the package.
     */
    public static final class PatientSearch {
        /** reference: Patients referred by the given Patient, RelatedPerson, Practitioner or Organization. */
        public static final String REFERRAL_REFERRER = "referral-referrer";
        /** token: Patients by referral channel, e.g. {@code <channel system>|friend-family}. */
        public static final String REFERRAL_CHANNEL = "referral-channel";
        /** token: Patients by the referral code they gave. */
        public static final String REFERRAL_CODE = "referral-code";
        /** token: the advocate who owns a referral code. */
        public static final String ADVOCATE_CODE = "advocate-code";

        private PatientSearch() {}

        /** The canonical URL of the SearchParameter with this code. */
        public static String url(String code) {
            return BASE + "/SearchParameter/" + code;
        }
    }

    /** The staff roles (program-admin, clinic-it, front-desk, auditor), as the audit trail names them. */
    public static final String ROLE_CODE_SYSTEM = BASE + "/CodeSystem/referral-bridge-role";

    public static final String ROLE_VALUE_SET = BASE + "/ValueSet/referral-bridge-role";

    /**
     * The profile on AuditEvent the service's audit trail is exported in ({@code GET /api/audit/fhir}): one change,
     * who made it (agent), what (subtype, action), which resources (entity), when and with which outcome.
     */
    public static final class ReferralBridgeAuditEvent {
        public static final String URL = BASE + "/StructureDefinition/referral-bridge-audit-event";
        /** The actions (AuditEvent.subtype), e.g. {@code advocate.enrolled}. */
        public static final String ACTION_CODE_SYSTEM = BASE + "/CodeSystem/referral-bridge-audit-action";

        public static final String ACTION_VALUE_SET = BASE + "/ValueSet/referral-bridge-audit-action";
        /** Identifier system of agent.who: the user name or client id, {@code system} or {@code anonymous}. */
        public static final String ACTOR_SYSTEM = BASE + "/NamingSystem/referral-bridge-actor";
        /** Identifier system of entity.what for the service's own records that are no FHIR resource ({@code inbox/42}). */
        public static final String RECORD_SYSTEM = BASE + "/NamingSystem/referral-bridge-record";
        /** The display of source.observer: the service. */
        public static final String OBSERVER = "Referral Bridge";

        private ReferralBridgeAuditEvent() {}
    }

    /** The complex extension {@code referral-source} on the referred Patient: who or what referred them. */
    public static final class ReferralSource {
        public static final String URL = BASE + "/StructureDefinition/referral-source";
        /** valueCoding from {@link #REFERRAL_CHANNEL_CODE_SYSTEM}, 1..1. */
        public static final String CHANNEL = "channel";
        /** valueReference(Patient|RelatedPerson|Practitioner|Organization), 0..1; written by Referral Bridge. */
        public static final String REFERRER = "referrer";
        /** valueString, 0..1: the referral code as the patient gave it. */
        public static final String CODE = "code";
        /** valueString, 0..1: key of the referral program. */
        public static final String PROGRAM = "program";
        /** valueDateTime, 0..1: when the referral was captured. */
        public static final String CAPTURED_DATE = "capturedDate";
        /** valueCoding from {@link #CAPTURE_METHOD_CODE_SYSTEM}, 0..1: how it was captured. */
        public static final String METHOD = "method";

        private ReferralSource() {}
    }

    /** The complex extension {@code referral-advocate} on a Patient who refers others. */
    public static final class ReferralAdvocate {
        public static final String URL = BASE + "/StructureDefinition/referral-advocate";
        /** valueString, 1..1: the advocate's own referral code. */
        public static final String CODE = "code";
        /** valueDate, 1..1: when the advocate enrolled. */
        public static final String ENROLLED = "enrolled";
        /** valueUnsignedInt, 0..1: number of successful referrals so far. */
        public static final String SUCCESSFUL_REFERRALS = "successfulReferrals";
        /** valueString, 0..1: the advocate's tier in a tiered program. */
        public static final String TIER = "tier";

        private ReferralAdvocate() {}
    }
    /**
     * What a resource of ours on a general-purpose type is (Basic.code), so that it is told apart from the EHR's own
     * Basic resources; e.g. {@link ReferralReward#CODE}.
     */
    public static final String RESOURCE_KIND_CODE_SYSTEM = BASE + "/CodeSystem/referral-bridge-resource-kind";

    /**
     * Why a referral was not attributed, not rewarded or reversed: the stable reason codes staff read, e.g. {@code
     * SELF_REFERRAL} or {@code UNKNOWN_CODE} (each code is the name the service records).
     */
    public static final String REFERRAL_REASON_CODE_SYSTEM = BASE + "/CodeSystem/referral-reason";

    public static final String REFERRAL_REASON_VALUE_SET = BASE + "/ValueSet/referral-reason";

    /**
     * The profile on Basic for a reward a referral program owes, gave or refused an advocate for one referral (never
     * a ChargeItem, Account or Invoice: it must not leak into claims). Its parts are simple extensions on the Basic,
     * each named here by URL, and the complex extension {@link RewardDecision}.
     */
    public static final class ReferralReward {
        public static final String URL = BASE + "/StructureDefinition/referral-reward";
        /** Basic.code: this code of {@link #RESOURCE_KIND_CODE_SYSTEM}, fixed by the profile. */
        public static final String CODE = "referral-reward";
        /**
         * Basic.identifier (1..1 with this system): the reward's id in Referral Bridge (its ledger entry), the key of
         * a conditional create, so that a repeated write finds the resource it made.
         */
        public static final String IDENTIFIER_SYSTEM = BASE + "/NamingSystem/referral-reward";

        /** Extension, valueIdentifier 1..1 with system {@link #REFERRAL_SYSTEM}: the referral the reward is for. */
        public static final String REFERRAL = BASE + "/StructureDefinition/referral-reward-referral";
        /** The identifier system of a referral's id in Referral Bridge. */
        public static final String REFERRAL_SYSTEM = BASE + "/NamingSystem/referral";
        /** Extension, valueReference(Patient) 1..1: the referred patient (Basic.subject is the advocate). */
        public static final String REFERRED_PATIENT = BASE + "/StructureDefinition/referral-reward-referred-patient";
        /** Extension, valueString 1..1: the program's key (as in {@link ReferralSource#PROGRAM}). */
        public static final String PROGRAM = BASE + "/StructureDefinition/referral-reward-program";
        /** Extension, valueCoding 1..1 from {@link #STATUS_VALUE_SET}. */
        public static final String STATUS = BASE + "/StructureDefinition/referral-reward-status";
        /** Extension, valueMoney 1..1: retail value, currency {@link #CURRENCY}, not negative (0 for recognition). */
        public static final String RETAIL_VALUE = BASE + "/StructureDefinition/referral-reward-retail-value";
        /** Extension, valueCoding 1..1 from {@link #KIND_VALUE_SET}. */
        public static final String KIND = BASE + "/StructureDefinition/referral-reward-kind";
        /**
         * Extension, valuePositiveInt 0..1: the revision of the reward the resource shows (1 when recorded, one more
         * with each change), so that a write-back of an older revision never replaces a newer one.
         */
        public static final String REVISION = BASE + "/StructureDefinition/referral-reward-revision";

        /** The only currency of a retail value. */
        public static final String CURRENCY = "USD";

        /** earned, held, awaiting-approval, approved, issued, voided, blocked. */
        public static final String STATUS_CODE_SYSTEM = BASE + "/CodeSystem/referral-reward-status";

        public static final String STATUS_VALUE_SET = BASE + "/ValueSet/referral-reward-status";
        /** cash, cash-equivalent, in-kind, service-credit, donation, recognition. */
        public static final String KIND_CODE_SYSTEM = BASE + "/CodeSystem/referral-reward-kind";

        public static final String KIND_VALUE_SET = BASE + "/ValueSet/referral-reward-kind";

        private ReferralReward() {}
    }

    /**
     * The complex extension {@code referral-reward-decision} on a ReferralReward: what the compliance rules decided,
     * which rules, and why. Its code systems are in {@link Compliance}.
     */
    public static final class RewardDecision {
        public static final String URL = BASE + "/StructureDefinition/referral-reward-decision";
        /** valueCoding from {@link Compliance#DECISION_VALUE_SET}, 1..1. */
        public static final String OUTCOME = "outcome";
        /** valueCoding from {@link Compliance#RULE_VALUE_SET}, 0..*: each rule that shaped the decision. */
        public static final String RULE = "rule";
        /** valueString, 0..*: a reason staff read (e.g. an override's recorded reason); no PHI. */
        public static final String REASON = "reason";

        private RewardDecision() {}
    }

    /** The compliance engine's vocabulary: its decisions and its rule ids (each rule's definition names its source). */
    public static final class Compliance {
        /** allow, reduce, thank-you-only, block. */
        public static final String DECISION_CODE_SYSTEM = BASE + "/CodeSystem/referral-compliance-decision";

        public static final String DECISION_VALUE_SET = BASE + "/ValueSet/referral-compliance-decision";
        /** Rule ids such as {@code AKS-REFERRED-BENEFICIARY}, {@code OIG-NOMINAL-ITEM-15}, {@code FL-817-505}. */
        public static final String RULE_CODE_SYSTEM = BASE + "/CodeSystem/referral-compliance-rule";

        public static final String RULE_VALUE_SET = BASE + "/ValueSet/referral-compliance-rule";

        private Compliance() {}
    }

    /**
     * The profile on Task for staff work on a reward: approve or fulfil it. Intent is always {@link #INTENT}, focus
     * the ReferralReward (a Basic), for the advocate (a Patient).
     */
    /** Program messages the service sent, as the patient's chart records them (a Communication). */
    public static final class ReferralProgramCommunication {
        public static final String URL = BASE + "/StructureDefinition/referral-program-communication";
        /** Communication.category: the kind of message. */
        public static final String KIND_CODE_SYSTEM = BASE + "/CodeSystem/referral-message-kind";

        public static final String KIND_VALUE_SET = BASE + "/ValueSet/referral-message-kind";
        /** Communication.identifier: our id of the message, the key of a conditional create. */
        public static final String IDENTIFIER_SYSTEM = BASE + "/NamingSystem/referral-program-message";

        private ReferralProgramCommunication() {}
    }

    /**
     * The program-feedback survey sent to advocates, and the QuestionnaireResponses of their answers (identifier: our
     * id of the answered survey token, the key of a conditional create).
     */
    public static final class ProgramFeedback {
        public static final String URL = BASE + "/Questionnaire/program-feedback";
        /** QuestionnaireResponse.identifier: our id of one answer. */
        public static final String RESPONSE_IDENTIFIER_SYSTEM = BASE + "/NamingSystem/program-feedback-response";
        /** Enrolment experience, 1 to 5. */
        public static final String EXPERIENCE = "experience";
        /** Free text about the enrolment. */
        public static final String EXPERIENCE_COMMENT = "experience-comment";
        /** A code of the referral-reward-kind CodeSystem. */
        public static final String REWARD_PREFERENCE = "reward-preference";
        /** Free text. */
        public static final String SUGGESTIONS = "suggestions";
        /** Likelihood to recommend, 0 to 10, required. */
        public static final String RECOMMEND = "recommend";

        private ProgramFeedback() {}
    }

    /**
     * The referral-program Measure (the program's main figures over a period) and the codes of its groups; the
     * service answers {@code GET /api/reports/measure-report} with a summary MeasureReport of it.
     */
    public static final class ReferralProgramMeasure {
        public static final String URL = BASE + "/Measure/referral-program";
        public static final String VERSION = "0.1.0";
        /** Measure.group.code: referrals, qualified-referrals, conversion, enrolled-advocates, ... */
        public static final String GROUP_CODE_SYSTEM = BASE + "/CodeSystem/referral-measure-group";
        /** The HL7 population codes (initial-population, numerator, denominator). */
        public static final String POPULATION_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";

        public static final String REFERRALS = "referrals";
        public static final String QUALIFIED_REFERRALS = "qualified-referrals";
        /** Numerator qualified, denominator referred, score their ratio. */
        public static final String CONVERSION = "conversion";

        public static final String ENROLLED_ADVOCATES = "enrolled-advocates";
        public static final String REFERRING_ADVOCATES = "referring-advocates";
        public static final String ACQUIRED_PATIENTS = "acquired-patients";

        private ReferralProgramMeasure() {}
    }

    public static final class ReferralRewardTask {
        public static final String URL = BASE + "/StructureDefinition/referral-reward-task";
        /** Task.code: approve, fulfil. */
        public static final String CODE_SYSTEM = BASE + "/CodeSystem/referral-reward-task";

        public static final String VALUE_SET = BASE + "/ValueSet/referral-reward-task";
        /** A program-admin decides whether to approve the reward. */
        public static final String APPROVE = "approve";
        /** Staff hand the approved reward to the advocate and record it issued. */
        public static final String FULFIL = "fulfil";
        /** Task.intent, fixed. */
        public static final String INTENT = "order";
        /**
         * Task.identifier of the tasks Referral Bridge makes: {@code <reward id>:<task code>}, one task of each code
         * per reward, the key of a conditional create.
         */
        public static final String IDENTIFIER_SYSTEM = BASE + "/NamingSystem/referral-reward-task";

        private ReferralRewardTask() {}
    }

    /**
     * What the three consent profiles share: scope {@code patient-privacy}, a category of {@link #KIND_CODE_SYSTEM}
     * fixed by each profile, a policy of ours, a permit or deny provision and one of {@link #STATUSES} ({@code
     * inactive} is a revoked consent).
     */
    public static final class Consents {
        /** Consent.scope's code system (HL7 terminology). */
        public static final String SCOPE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
        /** Consent.scope, fixed by every consent profile. */
        public static final String SCOPE = "patient-privacy";
        /** Consent.category: referral-disclosure, referrer-recognition, program-messages (each profile fixes one). */
        public static final String KIND_CODE_SYSTEM = BASE + "/CodeSystem/referral-consent-kind";
        /** The Consent.status values the profiles allow (invariant {@code rb-consent-1}). */
        public static final List<String> STATUSES = List.of("active", "inactive", "rejected", "proposed");
        /**
         * Consent.identifier of a consent the service wrote for a front-desk statement: the statement's id, so that a
         * retried write finds it (conditional create).
         */
        public static final String IDENTIFIER_SYSTEM = BASE + "/NamingSystem/referral-consent";

        private Consents() {}

        /** Consent.policy.uri of a consent of this kind, fixed by its profile. */
        public static String policy(String kind) {
            return BASE + "/policy/" + kind;
        }
    }

    /**
     * The profile on Consent by which the referred patient (Consent.patient) allows or refuses that the practice tells
     * the referrer (provision.actor, role {@link #ACTOR_ROLE}, a Patient) that they became a patient.
     */
    public static final class ReferralDisclosureConsent {
        public static final String URL = BASE + "/StructureDefinition/referral-disclosure-consent";
        /** Consent.category: this code of {@link Consents#KIND_CODE_SYSTEM}. */
        public static final String CATEGORY = "referral-disclosure";
        /** Consent.policy.uri, fixed. */
        public static final String POLICY = Consents.policy(CATEGORY);
        /** provision.actor.role: information recipient, of {@link #ACTOR_ROLE_SYSTEM}. */
        public static final String ACTOR_ROLE = "IRCP";

        public static final String ACTOR_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

        private ReferralDisclosureConsent() {}
    }

    /**
     * The profile on Consent by which an advocate (Consent.patient) allows or refuses being named publicly as a
     * referrer, on the channels in provision.code (1..*, from {@link #CHANNEL_VALUE_SET}).
     */
    public static final class ReferrerRecognitionConsent {
        public static final String URL = BASE + "/StructureDefinition/referrer-recognition-consent";
        /** Consent.category: this code of {@link Consents#KIND_CODE_SYSTEM}. */
        public static final String CATEGORY = "referrer-recognition";
        /** Consent.policy.uri, fixed. */
        public static final String POLICY = Consents.policy(CATEGORY);
        /** provision.code: newsletter, social-media, office-display. */
        public static final String CHANNEL_CODE_SYSTEM = BASE + "/CodeSystem/referral-recognition-channel";

        public static final String CHANNEL_VALUE_SET = BASE + "/ValueSet/referral-recognition-channel";
        public static final String NEWSLETTER = "newsletter";
        public static final String SOCIAL_MEDIA = "social-media";
        public static final String OFFICE_DISPLAY = "office-display";

        private ReferrerRecognitionConsent() {}
    }

    /**
     * The profile on Consent by which a patient opts in to (permit) or out of (deny) program messages on one channel
     * (provision.code 1..1 from {@link #CHANNEL_VALUE_SET}), purpose {@link #PURPOSE} included (invariant {@code
     * rb-consent-4}). An SMS opt-in carries its written record in sourceAttachment or sourceReference (invariant
     * {@code rb-consent-5}; TCPA, 47 CFR 64.1200).
     */
    public static final class ProgramMessagesConsent {
        public static final String URL = BASE + "/StructureDefinition/program-messages-consent";
        /** Consent.category: this code of {@link Consents#KIND_CODE_SYSTEM}. */
        public static final String CATEGORY = "program-messages";
        /** Consent.policy.uri, fixed. */
        public static final String POLICY = Consents.policy(CATEGORY);
        /** provision.purpose: marketing, of {@link #PURPOSE_SYSTEM}. */
        public static final String PURPOSE = "HMARKT";

        public static final String PURPOSE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
        /** provision.code: email, sms. */
        public static final String CHANNEL_CODE_SYSTEM = BASE + "/CodeSystem/referral-message-channel";

        public static final String CHANNEL_VALUE_SET = BASE + "/ValueSet/referral-message-channel";
        public static final String EMAIL = "email";
        public static final String SMS = "sms";

        private ProgramMessagesConsent() {}
    }
}
