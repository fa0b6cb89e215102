package org.referralbridge.server.writeback;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.conformance.Canonicals.ReferralAdvocate;
import org.referralbridge.conformance.Canonicals.ReferralSource;

/**
 * Our two extensions on a Patient, changed in place and only where they differ from what is wanted, so an
 * unchanged Patient is never written. Everything else on the Patient (other extensions, narrative) is left as is.
 */
final class ReferralExtensions {

    private ReferralExtensions() {}

    /**
     * Names the referrer in the Patient's {@code referral-source} extension, adding the extension (channel
     * {@code friend-family}) if the referral evidence came from elsewhere.
     *
     * @return false when the Patient already names this referrer
     */
    static boolean setReferrer(Patient patient, String referrerReference) {
        Extension source = patient.getExtensionByUrl(ReferralSource.URL);
        if (source == null) {
            source = patient.addExtension().setUrl(ReferralSource.URL);
            source.addExtension(
                    ReferralSource.CHANNEL,
                    new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, "friend-family", "Friend or family member"));
        }
        Extension referrer = source.getExtensionByUrl(ReferralSource.REFERRER);
        if (referrer != null
                && referrer.getValue() instanceof Reference current
                && referrerReference.equals(current.getReference())) {
            return false;
        }
        if (referrer == null) {
            referrer = source.addExtension().setUrl(ReferralSource.REFERRER);
        }
        referrer.setValue(new Reference(referrerReference));
        return true;
    }

    /**
     * Puts the advocate's code and enrolment date on their Patient, keeping a count of successful referrals that
     * is already there.
     *
     * @return false when the Patient already carries this code and date
     */
    static boolean setAdvocate(Patient patient, String referralCode, Instant enrolledAt) {
        DateType enrolled = new DateType(Date.from(enrolledAt), ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY);
        enrolled.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        List<Extension> existing = patient.getExtensionsByUrl(ReferralAdvocate.URL);
        if (existing.size() == 1 && carries(existing.get(0), referralCode, enrolled.getValueAsString())) {
            return false;
        }
        UnsignedIntType successful = existing.stream()
                .map(e -> e.getExtensionByUrl(ReferralAdvocate.SUCCESSFUL_REFERRALS))
                .filter(e -> e != null && e.getValue() instanceof UnsignedIntType)
                .map(e -> (UnsignedIntType) e.getValue())
                .findFirst()
                .orElse(new UnsignedIntType(0));
        patient.getExtension().removeIf(e -> ReferralAdvocate.URL.equals(e.getUrl()));
        Extension advocate = patient.addExtension().setUrl(ReferralAdvocate.URL);
        advocate.addExtension(ReferralAdvocate.CODE, new StringType(referralCode));
        advocate.addExtension(ReferralAdvocate.ENROLLED, enrolled);
        advocate.addExtension(ReferralAdvocate.SUCCESSFUL_REFERRALS, successful);
        return true;
    }

    private static boolean carries(Extension advocate, String referralCode, String enrolledDate) {
        Extension code = advocate.getExtensionByUrl(ReferralAdvocate.CODE);
        Extension enrolled = advocate.getExtensionByUrl(ReferralAdvocate.ENROLLED);
        return code != null
                && enrolled != null
                && referralCode.equals(code.getValue().primitiveValue())
                && enrolledDate.equals(enrolled.getValue().primitiveValue());
    }
}
