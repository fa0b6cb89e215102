package org.referralbridge.server.cds;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.EhrException;
import org.referralbridge.server.audit.AuditAction;
import org.referralbridge.server.audit.ChangeMade;
import org.referralbridge.server.consent.ConsentKind;
import org.referralbridge.server.consent.ConsentState;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralLookup;
import org.referralbridge.server.referral.ReferralManagement;
import org.referralbridge.server.referral.ReferralView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Gathers what the {@code patient-view} cards say of one patient, filtered for the viewer: the referral and advocate
 * from the program's own records, the consents from the consent state, the referrer's name from the EHR (only when
 * the viewer may see it), and the advocate's tier from the patient's record (the hook's prefetch, else the hook's
 * FHIR server with its {@code fhirAuthorization} when the client may send us there, else our own EHR connection).
 * Each decision to name or withhold the referrer before a patient-facing viewer goes to the audit trail.
 */
class PatientViewService {

    private static final Logger log = LoggerFactory.getLogger(PatientViewService.class);

    private final ReferralLookup lookup;
    private final ReferralManagement referrals;
    private final ConsentState consents;
    private final EhrPatients ehrPatients;
    private final EhrClient ehr;
    private final FhirContext fhirContext;
    private final ApplicationEventPublisher events;
    private final List<String> recognitionChannels;

    PatientViewService(
            ReferralLookup lookup,
            ReferralManagement referrals,
            ConsentState consents,
            EhrPatients ehrPatients,
            EhrClient ehr,
            FhirContext fhirContext,
            ApplicationEventPublisher events,
            List<String> recognitionChannels) {
        this.lookup = lookup;
        this.referrals = referrals;
        this.consents = consents;
        this.ehrPatients = ehrPatients;
        this.ehr = ehr;
        this.fhirContext = fhirContext;
        this.events = events;
        this.recognitionChannels = List.copyOf(recognitionChannels);
    }

    PatientViewFacts facts(PatientViewRequest request, CdsClientTokens.TrustedClient client) {
        String patientId = request.patientId();
        Viewer viewer = Viewer.of(request.userId());
        ReferralView referral = lookup.referralOf(patientId).orElse(null);
        PatientViewFacts.ReferrerShown referrer = PatientViewFacts.ReferrerShown.NONE;
        Boolean mayThank = null;
        if (referral != null && referral.referrerReference() != null) {
            referrer = referrer(referral.referrerReference(), patientId, viewer);
            if (referrer.isPatient()) {
                mayThank = consents.permits(
                        ConsentKind.REFERRAL_DISCLOSURE, patientId, idOf(referral.referrerReference()), null);
            }
        }
        var advocate = referrals.advocateOfPatient(patientId).orElse(null);
        String tier = advocate == null
                ? null
                : patient(request, client).map(PatientViewService::tierOf).orElse(null);
        return new PatientViewFacts(
                patientId,
                viewer,
                referral,
                referrer,
                mayThank,
                advocate,
                tier,
                lookup.openReviewItemsAbout(patientId));
    }

    private PatientViewFacts.ReferrerShown referrer(String reference, String patientId, Viewer viewer) {
        if (!reference.startsWith("Patient/")) {
            return new PatientViewFacts.ReferrerShown(reference, null, false);
        }
        String referrerId = idOf(reference);
        if (viewer == Viewer.PATIENT_FACING) {
            boolean allowed = recognitionChannels.stream()
                    .anyMatch(channel -> consents.permits(ConsentKind.REFERRER_RECOGNITION, referrerId, null, channel));
            events.publishEvent(ChangeMade.succeeded(
                    allowed ? AuditAction.REFERRER_DISCLOSED : AuditAction.REFERRER_REDACTED,
                    "Patient/" + patientId,
                    reference));
            if (!allowed) {
                return new PatientViewFacts.ReferrerShown(reference, null, true);
            }
        }
        return new PatientViewFacts.ReferrerShown(reference, nameOf(referrerId), false);
    }

    private String nameOf(String referrerId) {
        try {
            return ehrPatients
                    .summary(referrerId)
                    .map(EhrPatients.PatientSummary::name)
                    .orElse(null);
        } catch (EhrPatients.EhrUnreachable e) {
            log.warn("CDS card: the EHR did not answer for the referrer Patient/{}: {}", referrerId, e.getMessage());
            return null;
        }
    }

    private Optional<Patient> patient(PatientViewRequest request, CdsClientTokens.TrustedClient client) {
        if (request.prefetchedPatient() != null) {
            return Optional.of(request.prefetchedPatient());
        }
        try {
            if (request.fhirServer() != null && request.accessToken() != null && client.mayRead(request.fhirServer())) {
                IGenericClient fhir = fhirContext.newRestfulGenericClient(request.fhirServer());
                fhir.registerInterceptor(new BearerTokenAuthInterceptor(request.accessToken()));
                return Optional.of(fhir.read()
                        .resource(Patient.class)
                        .withId(request.patientId())
                        .execute());
            }
            return ehr.read(Patient.class, request.patientId());
        } catch (EhrException
                | ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException
                | ca.uhn.fhir.parser.DataFormatException e) {
            log.warn(
                    "CDS card: could not read Patient/{} for the advocate's tier ({})",
                    request.patientId(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static String tierOf(Patient patient) {
        Extension advocate = patient.getExtensionByUrl(Canonicals.ReferralAdvocate.URL);
        if (advocate == null) {
            return null;
        }
        Extension tier = advocate.getExtensionByUrl(Canonicals.ReferralAdvocate.TIER);
        return tier == null || tier.getValue() == null ? null : tier.getValue().primitiveValue();
    }

    private static String idOf(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
