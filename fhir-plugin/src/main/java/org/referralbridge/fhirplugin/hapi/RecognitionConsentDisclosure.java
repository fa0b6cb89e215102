package org.referralbridge.fhirplugin.hapi;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Comparator;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.referralbridge.conformance.Canonicals.Consents;
import org.referralbridge.conformance.Canonicals.ReferrerRecognitionConsent;

/**
 * An opt-in {@link ReferrerDisclosure} that reads the referrer's {@code ReferrerRecognitionConsent} in the same FHIR
 * server, for a practice that decides that being named as a referrer on some recognition channels also covers being
 * shown to the referred patient. It is not the default, because neither consent profile of the package says "the
 * referrer allows the referred patient to see who referred them":
 *
 * <ul>
 *   <li>{@code ReferralDisclosureConsent} goes the other way: the referred patient (Consent.patient) allows that the
 *       referrer is told that they became a patient. It is the referred patient's consent about the referred
 *       patient's data; it says nothing of the referrer's wishes.
 *   <li>{@code ReferrerRecognitionConsent} is the referrer's own consent (Consent.patient is the advocate) about
 *       being named as a referrer, which is the right person and the right fact, but only publicly and only on the
 *       channels its provision.code lists (newsletter, social media, office display). Showing the referrer to one
 *       referred patient in a portal is none of them, and a consent must not be read as covering a use it does not
 *       name.
 * </ul>
 *
 * So {@link ReferrerDisclosure#never()} is the default. This class lets an operator name the recognition channels
 * whose permit they count as allowing it (at least one; there is no default): the referrer allows it when their
 * latest active {@code ReferrerRecognitionConsent} (by Consent.dateTime) is a permit whose provision.code lists one
 * of those channels. A later deny, an inactive (revoked) or a rejected consent, or none at all, hides the referrer.
 * Only Patients give consents, so other referrers (Practitioner, RelatedPerson, Organization) are always hidden.
 * A shown referrer's decision names the Consent that allowed it (reason {@value Decision#RECOGNITION_CONSENT}); a
 * hidden one says {@value Decision#NO_PERMITTING_CONSENT} or {@value Decision#REFERRER_NOT_A_PATIENT}.
 *
 * <p>The lookup is a system search through the Consent DAO, so the server's authorization rules for the
 * patient-facing caller (who may not read the referrer's Consents) do not apply to it.
 */
public final class RecognitionConsentDisclosure implements ReferrerDisclosure {

    private final DaoRegistry daos;
    private final Set<String> channels;

    /**
     * @param channels codes of {@code referral-recognition-channel} (e.g. {@code office-display}) whose permit counts
     *     as allowing the referred patient to see the referrer
     */
    public RecognitionConsentDisclosure(DaoRegistry daos, Set<String> channels) {
        this.daos = daos;
        this.channels = Set.copyOf(channels);
        if (this.channels.isEmpty()) {
            throw new IllegalArgumentException("name at least one recognition channel");
        }
    }

    @Override
    public Decision decide(IIdType referrer, IIdType referredPatient) {
        if (!"Patient".equals(referrer.getResourceType())) {
            return Decision.hidden(Decision.REFERRER_NOT_A_PATIENT);
        }
        if (!daos.isResourceTypeSupported("Consent")) {
            return Decision.hidden(Decision.NO_PERMITTING_CONSENT);
        }
        return latestActive(referrer)
                .filter(consent -> consent.getProvision().getType() == Consent.ConsentProvisionType.PERMIT)
                .filter(this::listsAChannel)
                .map(consent -> Decision.shownOn(consent.getIdElement(), Decision.RECOGNITION_CONSENT))
                .orElse(Decision.hidden(Decision.NO_PERMITTING_CONSENT));
    }

    private Optional<Consent> latestActive(IIdType referrer) {
        SearchParameterMap search = SearchParameterMap.newSynchronous()
                .add(Consent.SP_PATIENT, new ReferenceParam(referrer.getValue()))
                .add(
                        Consent.SP_CATEGORY,
                        new TokenParam(Consents.KIND_CODE_SYSTEM, ReferrerRecognitionConsent.CATEGORY))
                .add(Consent.SP_STATUS, new TokenParam(Consent.ConsentState.ACTIVE.toCode()));
        return daos.getResourceDao(Consent.class).searchForResources(search, new SystemRequestDetails()).stream()
                .filter(Consent.class::isInstance)
                .map(Consent.class::cast)
                .filter(consent -> consent.getPolicy().stream()
                        .anyMatch(policy -> ReferrerRecognitionConsent.POLICY.equals(policy.getUri())))
                .max(Comparator.comparing((Consent consent) -> Optional.ofNullable(consent.getDateTimeElement())
                        .map(PrimitiveType::getValue)
                        .orElse(new Date(Long.MIN_VALUE))));
    }

    private boolean listsAChannel(Consent consent) {
        return consent.getProvision().getCode().stream()
                .flatMap(code -> code.getCoding().stream())
                .filter(coding -> ReferrerRecognitionConsent.CHANNEL_CODE_SYSTEM.equals(coding.getSystem()))
                .map(Coding::getCode)
                .anyMatch(channels::contains);
    }
}
