package org.referralbridge.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a profile matches referral evidence to a referrer.
 *
 * @param order the strategies to try, first match wins
 * @param referrerTypes the resource types a referrer reference may point to (e.g. {@code Patient}, {@code
 *     RelatedPerson})
 */
public record ReferrerMatching(List<Strategy> order, Set<String> referrerTypes) {

    /** A way to match evidence to a referrer. */
    public enum Strategy {
        /** By the referral code the patient gave (the {@code referral-code} key in a profile). */
        REFERRAL_CODE("referral-code"),
        /** By a referrer reference the EHR already carries (the {@code referrer-reference} key in a profile). */
        REFERRER_REFERENCE("referrer-reference"),
        /** By an identifier of the referrer (the {@code referrer-identifier} key in a profile). */
        REFERRER_IDENTIFIER("referrer-identifier"),
        /** By the referrer's name as a person gave it (the {@code referrer-name} key in a profile). */
        REFERRER_NAME("referrer-name");

        private final String profileKey;

        Strategy(String profileKey) {
            this.profileKey = profileKey;
        }

        public String profileKey() {
            return profileKey;
        }
    }

    public ReferrerMatching {
        order = List.copyOf(order);
        referrerTypes = Set.copyOf(referrerTypes);
    }

    /**
     * The lookups to try for this evidence, in the profile's order; a referrer reference to a type the profile does
     * not accept is left out, and a description gives a {@code ByDescription} lookup only when it holds a name (text,
     * given or family), not for a phone or email alone. Empty when the evidence names no referrer at all (e.g. a
     * channel only).
     */
    public List<ReferrerLookup> lookupsFor(ReferralEvidence evidence) {
        List<ReferrerLookup> lookups = new ArrayList<>();
        for (Strategy strategy : order) {
            switch (strategy) {
                case REFERRAL_CODE ->
                    evidence.referralCode()
                            .map(ReferrerLookup.ByReferralCode::new)
                            .ifPresent(lookups::add);
                case REFERRER_REFERENCE ->
                    evidence.referrerReference()
                            .filter(this::acceptsReferrer)
                            .map(ReferrerLookup.ByReference::new)
                            .ifPresent(lookups::add);
                case REFERRER_IDENTIFIER ->
                    evidence.referrerIdentifier()
                            .map(id -> new ReferrerLookup.ByIdentifier(id.system(), id.value()))
                            .ifPresent(lookups::add);
                case REFERRER_NAME ->
                    evidence.referrerDescription()
                            .filter(ReferrerDescription::hasName)
                            .map(ReferrerLookup.ByDescription::new)
                            .ifPresent(lookups::add);
            }
        }
        return List.copyOf(lookups);
    }

    private boolean acceptsReferrer(String reference) {
        int slash = reference.indexOf('/');
        return slash > 0 && referrerTypes.contains(reference.substring(0, slash));
    }
}
