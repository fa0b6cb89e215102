package org.referralbridge.fhirplugin.subscription;

/**
 * Where one {@link SubscriptionSpec} stands on the EHR after registering.
 *
 * @param spec what was asked for
 * @param subscriptionId the Subscription's id on the EHR
 * @param status its status as written or found, e.g. {@code requested} or {@code active}; {@value #NOT_FOUND} when a
 *     re-read found it deleted
 * @param action what registering did
 */
public record SubscriptionRegistration(SubscriptionSpec spec, String subscriptionId, String status, Action action) {

    public static final String NOT_FOUND = "not-found";

    /** The same registration with the status the EHR reports now. */
    public SubscriptionRegistration withStatus(String current) {
        return new SubscriptionRegistration(spec, subscriptionId, current, action);
    }

    public enum Action {
        /** There was none of ours: created with status {@code requested}. */
        CREATED,
        /** Ours was {@code off} or {@code error}: set back to {@code requested}. */
        REACTIVATED,
        /** Ours was on but its channel (headers, payload) differed: corrected. */
        UPDATED,
        /** Ours was already as asked and on: nothing written. */
        UNCHANGED
    }
}
