package org.referralbridge.mapping;

import java.util.Objects;

/** One way to find the referrer of a referral, in the order the profile's {@code referrerMatching} asks for. */
public sealed interface ReferrerLookup {

    /** Find the advocate whose own referral code (the {@code referral-advocate} extension) equals this code. */
    record ByReferralCode(String referralCode) implements ReferrerLookup {
        public ByReferralCode {
            Objects.requireNonNull(referralCode, "referralCode");
        }
    }

    /** The EHR already names the referrer: read it directly, e.g. {@code Patient/123}. */
    record ByReference(String reference) implements ReferrerLookup {
        public ByReference {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** Find the referrer who carries this identifier; {@code system} is null when neither EHR nor profile names one. */
    record ByIdentifier(String system, String value) implements ReferrerLookup {
        public ByIdentifier {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Find the referrer a person described (name, perhaps birth date, phone or email); the description is PHI. */
    record ByDescription(ReferrerDescription description) implements ReferrerLookup {
        public ByDescription {
            Objects.requireNonNull(description, "description");
        }
    }
}
