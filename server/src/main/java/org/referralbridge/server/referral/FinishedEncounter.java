package org.referralbridge.server.referral;

import java.time.Instant;
import java.util.Objects;

/**
 * A finished Encounter of a referred patient, as the mapping profile reads it: what qualification looks at.
 *
 * @param finishedAt when it finished (its period's end, else its start)
 * @param classCode its class code (e.g. {@code AMB}), or null when it has none
 * @param serviceLine its service line after the profile's code map, or null when it has none
 */
public record FinishedEncounter(String encounterId, Instant finishedAt, String classCode, String serviceLine) {

    public FinishedEncounter {
        Objects.requireNonNull(encounterId, "encounterId");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
