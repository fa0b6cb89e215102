package org.referralbridge.conformance;

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
}
