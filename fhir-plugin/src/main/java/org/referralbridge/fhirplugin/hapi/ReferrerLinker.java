package org.referralbridge.fhirplugin.hapi;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/**
 * Links a referred Patient to its referrer: when its {@code referral-source} extension names a referral code but no
 * referrer, and exactly one other Patient is the advocate owning that code, adds the {@code referrer} sub-extension
 * {@code Reference(Patient/<id>)}. In every other case the Patient is left as it is (the Referral Bridge service
 * then records the referral as unmatched, with its own reason).
 */
final class ReferrerLinker {

    /** What {@link #link} did, and why not when it did nothing. */
    enum Outcome {
        LINKED,
        NO_REFERRAL_SOURCE,
        ALREADY_LINKED,
        NO_CODE,
        UNKNOWN_CODE,
        AMBIGUOUS_CODE,
        SELF_REFERRAL;

        boolean changed() {
            return this == LINKED;
        }
    }

    private final AdvocateDirectory advocates;

    ReferrerLinker(AdvocateDirectory advocates) {
        this.advocates = advocates;
    }

    /** Adds the referrer to {@code patient} when its referral code names exactly one other advocate. */
    Outcome link(Patient patient) {
        List<Extension> sources = patient.getExtensionsByUrl(ReferralSource.URL);
        if (sources.isEmpty()) {
            return Outcome.NO_REFERRAL_SOURCE;
        }
        Extension source = sources.get(0);
        if (source.getExtensionByUrl(ReferralSource.REFERRER) != null) {
            return Outcome.ALREADY_LINKED;
        }
        Optional<String> code = ReferralCodes.normalize(stringValue(source, ReferralSource.CODE));
        if (code.isEmpty()) {
            return Outcome.NO_CODE;
        }
        if (ownCodes(patient).contains(code.get())) {
            return Outcome.SELF_REFERRAL;
        }
        List<String> owners = advocates.patientIdsWithCode(code.get());
        if (owners.isEmpty()) {
            return Outcome.UNKNOWN_CODE;
        }
        if (owners.size() > 1) {
            return Outcome.AMBIGUOUS_CODE;
        }
        String referrer = owners.get(0);
        if (referrer.equals(patient.getIdElement().getIdPart())) {
            return Outcome.SELF_REFERRAL;
        }
        source.addExtension(ReferralSource.REFERRER, new Reference("Patient/" + referrer));
        return Outcome.LINKED;
    }

    /** The referral codes the Patient itself owns as an advocate, normalized. */
    private static List<String> ownCodes(Patient patient) {
        return patient.getExtensionsByUrl(ReferralAdvocate.URL).stream()
                .map(advocate -> ReferralCodes.normalize(stringValue(advocate, ReferralAdvocate.CODE)))
                .flatMap(Optional::stream)
                .toList();
    }

    private static String stringValue(Extension parent, String url) {
        Extension child = parent.getExtensionByUrl(url);
        if (child == null) {
            return null;
        }
        Type value = child.getValue();
        return value != null && value.isPrimitive() ? value.primitiveValue() : null;
    }
}
