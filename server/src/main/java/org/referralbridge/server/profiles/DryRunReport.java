package org.referralbridge.server.profiles;

import java.util.List;
import org.referralbridge.mapping.DryRun;

/**
 * What a dry run found, resource by resource. It holds what the resources say (clinic IT's own input, answered to
 * them and never logged or stored). Public for clinic IT's dry-run page ({@link MappingWorkbench}).
 *
 * @param changedNothing always true: a dry run writes nothing to the database or the EHR
 */
public record DryRunReport(String profile, boolean changedNothing, List<Result> results) {

    /**
     * @param dryRun what the profile read, with the trace of which expression produced each value
     * @param referrer whom each of the profile's matching strategies would attribute the referral to, in order
     */
    public record Result(DryRun dryRun, List<Attribution> referrer) {}

    /**
     * @param strategy the profile's matching strategy ({@code referral-code}, {@code referrer-identifier}...)
     * @param outcome {@code advocate} (it would link), {@code review item} (staff would decide) or {@code no match}
     * @param referrer the Patient it would link to, when one
     * @param referralCode that advocate's referral code
     * @param candidates for a referrer described by demographics: the EHR Patients a review item would offer
     */
    public record Attribution(
            String strategy,
            String outcome,
            String referrer,
            String referralCode,
            List<ReferrerSearch.ScoredCandidate> candidates,
            String explanation) {}
}
