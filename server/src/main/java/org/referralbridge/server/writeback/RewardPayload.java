package org.referralbridge.server.writeback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.referralbridge.server.reward.RewardChanged;

/**
 * What to write into the EHR for one revision of a reward: its ReferralReward (a Basic) and the staff Tasks its status
 * asks for. {@code status} is the reward status's CodeSystem code, {@code revision} orders the rows of one reward.
 */
record RewardPayload(
        UUID rewardId,
        UUID referralId,
        String referrerPatientId,
        String referredPatientId,
        String programKey,
        String ruleId,
        String itemId,
        String itemKind,
        BigDecimal retailValue,
        String status,
        String outcome,
        List<String> ruleIds,
        List<String> reasons,
        String cause,
        Long revision,
        Instant changedAt,
        UUID writeId)
        implements WritePayload {

    static RewardPayload of(RewardChanged event, UUID writeId) {
        return new RewardPayload(
                event.rewardId(),
                event.referralId(),
                event.referrerPatientId(),
                event.referredPatientId(),
                event.programKey(),
                event.ruleId(),
                event.itemId(),
                event.itemKind(),
                event.retailValue(),
                event.status().code(),
                event.outcome(),
                event.ruleIds(),
                event.reasons(),
                event.cause(),
                event.revision(),
                event.changedAt(),
                writeId);
    }

    @Override
    public void requireComplete() {
        WritePayload.require(rewardId, "rewardId");
        WritePayload.require(referralId, "referralId");
        WritePayload.require(referrerPatientId, "referrerPatientId");
        WritePayload.require(referredPatientId, "referredPatientId");
        WritePayload.require(programKey, "programKey");
        WritePayload.require(itemKind, "itemKind");
        WritePayload.require(retailValue, "retailValue");
        WritePayload.require(status, "status");
        WritePayload.require(outcome, "outcome");
        WritePayload.require(revision, "revision");
        WritePayload.require(changedAt, "changedAt");
        WritePayload.require(writeId, "writeId");
        if (revision < 1) {
            throw new IllegalArgumentException("revision is not positive");
        }
        if (retailValue.signum() < 0) {
            throw new IllegalArgumentException("retailValue is negative");
        }
        RewardResources.status(status); // throws naming the field for an unknown code
    }

    /** The rules and reasons, never null (rows written by hand may lack them). */
    List<String> rules() {
        return ruleIds == null ? List.of() : ruleIds;
    }

    List<String> reasonTexts() {
        return reasons == null ? List.of() : reasons;
    }

    /**
     * The id of one write of this row: the Basic's is the row's write id, each Task's is derived from it and the
     * task's code, so a retried row names each of its writes as before (see {@link ProvenanceRecords}).
     */
    UUID writeIdOf(String part) {
        return part == null
                ? writeId
                : UUID.nameUUIDFromBytes((writeId + ":" + part).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
