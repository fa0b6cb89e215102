package org.referralbridge.server.compliance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.referralbridge.mapping.CoverageFacts;
import org.referralbridge.mapping.FederalProgram;

/**
 * The government health care programs a person (referrer or referred patient) is a beneficiary of at one moment.
 *
 * @param programs the programs; empty when the person is not known to be a beneficiary of any
 */
public record BeneficiaryStatus(Set<FederalProgram> programs) {

    public BeneficiaryStatus {
        programs = programs == null || programs.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(programs));
    }

    /** Not known to be a beneficiary of any government program. */
    public static BeneficiaryStatus none() {
        return new BeneficiaryStatus(Set.of());
    }

    public static BeneficiaryStatus of(FederalProgram... programs) {
        return new BeneficiaryStatus(Set.copyOf(Arrays.asList(programs)));
    }

    /**
     * The programs of the Coverages in force at {@code at}: a Coverage counts when its period contains that moment
     * (both ends inclusive, a missing end is open) and it was not entered in error. A cancelled Coverage still counts
     * inside its period: it may well have been in force at the referral, and the stricter reading is the safe one.
     *
     * @param coverages the person's Coverages (the caller picks the ones whose beneficiary is the person)
     * @param at the moment that matters: the referral for the referred patient, the decision for the referrer
     */
    public static BeneficiaryStatus at(Collection<CoverageFacts> coverages, Instant at) {
        EnumSet<FederalProgram> programs = EnumSet.noneOf(FederalProgram.class);
        for (CoverageFacts coverage : coverages) {
            if (inForce(coverage, at)) {
                programs.addAll(coverage.federalPrograms());
            }
        }
        return new BeneficiaryStatus(programs);
    }

    private static boolean inForce(CoverageFacts coverage, Instant at) {
        boolean enteredInError =
                coverage.status().map("entered-in-error"::equalsIgnoreCase).orElse(false);
        boolean started = coverage.periodStart()
                .map(OffsetDateTime::toInstant)
                .map(start -> !start.isAfter(at))
                .orElse(true);
        boolean notEnded = coverage.periodEnd()
                .map(OffsetDateTime::toInstant)
                .map(end -> !end.isBefore(at))
                .orElse(true);
        return !enteredInError && started && notEnded;
    }

    /** Whether the person is a beneficiary of any government program that restricts referral rewards. */
    public boolean beneficiary() {
        return !programs.isEmpty();
    }

    public boolean has(FederalProgram program) {
        return programs.contains(program);
    }

    /** The programs for a reason, e.g. {@code MEDICARE, CHIP}. */
    String names() {
        return programs.stream().map(FederalProgram::name).collect(Collectors.joining(", "));
    }
}
