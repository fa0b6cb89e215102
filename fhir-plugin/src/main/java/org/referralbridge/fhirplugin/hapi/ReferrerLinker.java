package org.referralbridge.fhirplugin.hapi;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;
import org.referralbridge.conformance.ReferralCode;

/**
 * Links a referred Patient to its referrer: when its {@code referral-source} extension names a referral code but no
 * referrer, and exactly one other Patient is the advocate owning that code, adds the {@code referrer} sub-extension
 * {@code Reference(Patient/<id>)}. In every other case no referrer is added (the Referral Bridge service then
 * records the referral as unmatched, with its own reason).
 *
 * <p>Codes are read by {@link ReferralCode}, the rule the service uses: a code that is malformed or fails its check
 * character is left exactly as typed and links nobody, so the service reports it as the service would. A valid code
 * is stored in its canonical form {@code ABCD-EFGH} (the form advocates carry and {@code referral-code} searches
 * find), whatever the link outcome.
 */
final class ReferrerLinker {

    /** The rule named in the Provenance of a Patient linked to its referrer. */
    static final String LINK_RULE = Canonicals.BASE + "/rule/referrer-link-at-create";
    /** The rule named in the Provenance of a Patient whose typed code was rewritten into its canonical form. */
    static final String NORMALIZE_RULE = Canonicals.BASE + "/rule/referral-code-normalized";

    /** Why a referrer was added, or why not. */
    enum Outcome {
        LINKED,
        NO_REFERRAL_SOURCE,
        ALREADY_LINKED,
        NO_CODE,
        MALFORMED_CODE,
        BAD_CHECK_CHARACTER,
        UNKNOWN_CODE,
        AMBIGUOUS_CODE,
        SELF_REFERRAL
    }

    /** What {@link #link} did: the link outcome, and whether it rewrote the typed code. */
    record Result(Outcome outcome, boolean codeNormalized) {

        /** Whether the Patient differs from what was sent. */
        boolean changed() {
            return outcome == Outcome.LINKED || codeNormalized;
        }

        /** The rules that changed the Patient, as Provenance policy URIs. */
        List<String> rules() {
            List<String> rules = new ArrayList<>(2);
            if (outcome == Outcome.LINKED) {
                rules.add(LINK_RULE);
            }
            if (codeNormalized) {
                rules.add(NORMALIZE_RULE);
            }
            return rules;
        }
    }

    private final AdvocateDirectory advocates;

    ReferrerLinker(AdvocateDirectory advocates) {
        this.advocates = advocates;
    }

    /** Adds the referrer to {@code patient} when its referral code names exactly one other advocate. */
    Result link(Patient patient) {
        List<Extension> sources = patient.getExtensionsByUrl(ReferralSource.URL);
        if (sources.isEmpty()) {
            return new Result(Outcome.NO_REFERRAL_SOURCE, false);
        }
        Extension source = sources.get(0);
        Extension codeElement = source.getExtensionByUrl(ReferralSource.CODE);
        String typed = stringValue(codeElement);
        if (typed == null || ReferralCode.normalize(typed).isEmpty()) {
            return new Result(
                    source.getExtensionByUrl(ReferralSource.REFERRER) != null
                            ? Outcome.ALREADY_LINKED
                            : Outcome.NO_CODE,
                    false);
        }
        ReferralCode.Parsed parsed = ReferralCode.parse(typed);
        if (parsed instanceof ReferralCode.Parsed.Malformed) {
            return new Result(Outcome.MALFORMED_CODE, false);
        }
        if (!(parsed instanceof ReferralCode.Parsed.Valid valid)) {
            return new Result(Outcome.BAD_CHECK_CHARACTER, false);
        }
        ReferralCode code = valid.code();
        boolean normalized = !code.display().equals(typed);
        if (normalized && codeElement.getValue() instanceof StringType string) {
            string.setValue(code.display()); // keeps the element's own id and extensions, if any
        } else if (normalized) {
            codeElement.setValue(new StringType(code.display()));
        }
        return new Result(linkReferrer(patient, source, code), normalized);
    }

    private Outcome linkReferrer(Patient patient, Extension source, ReferralCode code) {
        if (source.getExtensionByUrl(ReferralSource.REFERRER) != null) {
            return Outcome.ALREADY_LINKED;
        }
        if (ownCodes(patient).contains(code)) {
            return Outcome.SELF_REFERRAL;
        }
        List<String> owners = advocates.patientIdsWithCode(code.display());
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

    /** The valid referral codes the Patient itself owns as an advocate. */
    private static List<ReferralCode> ownCodes(Patient patient) {
        return patient.getExtensionsByUrl(ReferralAdvocate.URL).stream()
                .map(advocate -> ReferralCode.parse(stringValue(advocate.getExtensionByUrl(ReferralAdvocate.CODE))))
                .filter(ReferralCode.Parsed.Valid.class::isInstance)
                .map(parsed -> ((ReferralCode.Parsed.Valid) parsed).code())
                .toList();
    }

    private static String stringValue(Extension child) {
        if (child == null) {
            return null;
        }
        Type value = child.getValue();
        return value != null && value.isPrimitive() ? value.primitiveValue() : null;
    }
}
