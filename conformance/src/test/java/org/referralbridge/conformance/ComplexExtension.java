package org.referralbridge.conformance;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * Test data: one of our complex extensions, valid by default, changed one sub-extension at a time, e.g. {@code
 * referralSource().set(REFERRER, new StringType("Anna")).onPatient()}.
 */
final class ComplexExtension {

    private final String url;
    private final List<Extension> parts = new ArrayList<>();

    private ComplexExtension(String url) {
        this.url = url;
    }

    /** A referral-source with every sub-extension filled: referred by Patient/advocate-anna with her code. */
    static ComplexExtension referralSource() {
        return new ComplexExtension(Canonicals.ReferralSource.URL)
                .channel("patient")
                .set(Canonicals.ReferralSource.REFERRER, new Reference("Patient/advocate-anna"))
                .set(Canonicals.ReferralSource.CODE, new StringType("ANNA-7Q2K"))
                .set(Canonicals.ReferralSource.PROGRAM, new StringType("tell-a-friend"))
                .set(Canonicals.ReferralSource.CAPTURED_DATE, new DateTimeType("2026-03-02T09:41:00Z"))
                .method("front-desk");
    }

    /** A referral-advocate with every sub-extension filled. */
    static ComplexExtension referralAdvocate() {
        return new ComplexExtension(Canonicals.ReferralAdvocate.URL)
                .set(Canonicals.ReferralAdvocate.CODE, new StringType("ANNA-7Q2K"))
                .set(Canonicals.ReferralAdvocate.ENROLLED, new DateType("2026-01-15"))
                .set(Canonicals.ReferralAdvocate.SUCCESSFUL_REFERRALS, new UnsignedIntType(3))
                .set(Canonicals.ReferralAdvocate.TIER, new StringType("silver"));
    }

    /** Sets the channel sub-extension to a code of our referral-channel code system. */
    ComplexExtension channel(String code) {
        return set(Canonicals.ReferralSource.CHANNEL, new Coding(Canonicals.REFERRAL_CHANNEL_CODE_SYSTEM, code, null));
    }

    /** Sets the method sub-extension to a code of our referral-capture-method code system. */
    ComplexExtension method(String code) {
        return set(Canonicals.ReferralSource.METHOD, new Coding(Canonicals.CAPTURE_METHOD_CODE_SYSTEM, code, null));
    }

    /** Replaces the sub-extension {@code name} (or adds it), keeping its position. */
    ComplexExtension set(String name, Type value) {
        Extension part = new Extension(name, value);
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).getUrl().equals(name)) {
                parts.set(i, part);
                return this;
            }
        }
        parts.add(part);
        return this;
    }

    /** Adds a sub-extension {@code name} even if there is one already. */
    ComplexExtension add(String name, Type value) {
        parts.add(new Extension(name, value));
        return this;
    }

    ComplexExtension remove(String name) {
        parts.removeIf(part -> part.getUrl().equals(name));
        return this;
    }

    Extension build() {
        Extension extension = new Extension(url);
        parts.forEach(part -> extension.addExtension(part.copy()));
        return extension;
    }

    /** A minimal Patient carrying only this extension. */
    Patient onPatient() {
        Patient patient = Patients.named("Dana", "Fixture");
        patient.addExtension(build());
        return patient;
    }
}
