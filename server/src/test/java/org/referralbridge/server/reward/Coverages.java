package org.referralbridge.server.reward;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The Coverages a scenario gives a person, as an EHR holds them: the payer's Source of Payment Typology code in
 * {@code Coverage.type} (which the shipped native mapping profile reads), a payer name, and a period around "now" (the
 * moment the scenario runs) that puts the Coverage in or out of force at the referral.
 */
enum Coverages {
    NONE(null, null, 0, 0),
    MEDICARE("1", "Medicare Part B", -365, 365),
    MEDICAID("2", "State Medicaid", -365, 365),
    TRICARE("311", "TRICARE Select", -365, 365),
    /** SOPT 23 is Medicaid/SCHIP: the profile reads it as both CHIP and Medicaid. */
    CHIP("23", "Children's Health Insurance Program", -365, 365),
    COMMERCIAL("5", "Acme Health Plan", -365, 365),
    /** Medicare that ended 30 days before the referral. */
    MEDICARE_EXPIRED("1", "Medicare Part B", -400, -30),
    /** Medicare that begins 30 days after the referral. */
    MEDICARE_LATER("1", "Medicare Part B", 30, 400),
    /**
     * Medicare that began 5 days ago: in force when the reward is decided, not at a referral captured 10 days ago
     * (see {@link RewardScenario#capturedDaysAgo()}).
     */
    MEDICARE_SINCE_5_DAYS("1", "Medicare Part B", -5, 365);

    static final String SOPT = "https://nahdo.org/sopt";

    private final String soptCode;
    private final String payer;
    private final int startDays;
    private final int endDays;

    Coverages(String soptCode, String payer, int startDays, int endDays) {
        this.soptCode = soptCode;
        this.payer = payer;
        this.startDays = startDays;
        this.endDays = endDays;
    }

    boolean any() {
        return soptCode != null;
    }

    /** The Coverage of the patient, its period counted in days from {@code now}. */
    Coverage of(String patientId, Instant now) {
        Coverage coverage = new Coverage();
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(new Reference("Patient/" + patientId));
        coverage.getType().addCoding().setSystem(SOPT).setCode(soptCode);
        coverage.addPayor().setDisplay(payer);
        coverage.getPeriod()
                .setStartElement(
                        new DateTimeType(now.plus(startDays, ChronoUnit.DAYS).toString()))
                .setEndElement(
                        new DateTimeType(now.plus(endDays, ChronoUnit.DAYS).toString()));
        return coverage;
    }
}
