package org.referralbridge.server.reports;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportStatus;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.referralbridge.conformance.Canonicals.ReferralProgramMeasure;
import org.referralbridge.server.referral.ReferralReportFacts.AdvocateFact;
import org.referralbridge.server.reports.ProgramMetrics.ActiveAdvocates;
import org.referralbridge.server.reports.ProgramMetrics.Conversion;

/**
 * The program's figures of one period as a summary {@code MeasureReport} of the referral-program Measure: each count
 * group carries its initial population, the conversion group its denominator (referred), numerator (qualified) and
 * score (their ratio, left out when nothing was referred). The numbers come from the same {@link ProgramMetrics}
 * methods as {@code /api/reports/summary}. For one advocate the report holds only that advocate's referrals and names
 * the advocate's Patient as its subject.
 */
final class ProgramMeasureReport {

    static final String INITIAL_POPULATION = "initial-population";
    static final String NUMERATOR = "numerator";
    static final String DENOMINATOR = "denominator";

    private ProgramMeasureReport() {}

    /** The advocate's part of the period's data: their referrals and the advocate alone. */
    static ReportData ofAdvocate(ReportData data, AdvocateFact advocate) {
        return new ReportData(
                data.period(),
                data.referrals().stream()
                        .filter(r -> advocate.referralCode().equals(r.advocateCode()))
                        .toList(),
                List.of(advocate),
                data.rewardCosts(),
                data.currency(),
                data.rewards(),
                data.segments());
    }

    /** The report of the period's data; {@code subjectPatientId} names the advocate's Patient, or null for all. */
    static MeasureReport of(ReportData data, String subjectPatientId, Instant now) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReportStatus.COMPLETE);
        report.setType(MeasureReportType.SUMMARY);
        report.setMeasure(ReferralProgramMeasure.URL + "|" + ReferralProgramMeasure.VERSION);
        report.setDateElement(
                new DateTimeType(now.truncatedTo(ChronoUnit.SECONDS).toString()));
        report.getReporter().setDisplay("Referral Bridge");
        report.setPeriod(new Period()
                .setStartElement(new DateTimeType(data.period().from().toString()))
                .setEndElement(new DateTimeType(data.period().to().toString())));
        if (subjectPatientId != null) {
            report.setSubject(new Reference("Patient/" + subjectPatientId));
        }
        Conversion conversion = ProgramMetrics.conversion(data);
        ActiveAdvocates advocates = ProgramMetrics.activeAdvocates(data);
        count(report, ReferralProgramMeasure.REFERRALS, data.referrals().size());
        count(report, ReferralProgramMeasure.QUALIFIED_REFERRALS, conversion.qualified());
        MeasureReportGroupComponent ratio = group(report, ReferralProgramMeasure.CONVERSION);
        population(ratio, INITIAL_POPULATION, conversion.referred());
        population(ratio, DENOMINATOR, conversion.referred());
        population(ratio, NUMERATOR, conversion.qualified());
        if (conversion.ratio() != null) {
            ratio.setMeasureScore(new Quantity().setValue(conversion.ratio()));
        }
        count(report, ReferralProgramMeasure.ENROLLED_ADVOCATES, advocates.enrolled());
        count(report, ReferralProgramMeasure.REFERRING_ADVOCATES, advocates.referring());
        count(
                report,
                ReferralProgramMeasure.ACQUIRED_PATIENTS,
                ProgramMetrics.rewardCost(data).acquiredPatients());
        return report;
    }

    private static void count(MeasureReport report, String code, long count) {
        population(group(report, code), INITIAL_POPULATION, count);
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String code) {
        return report.addGroup()
                .setCode(new CodeableConcept(new Coding(ReferralProgramMeasure.GROUP_CODE_SYSTEM, code, null)));
    }

    private static void population(MeasureReportGroupComponent group, String code, long count) {
        group.addPopulation()
                .setCode(new CodeableConcept(new Coding(ReferralProgramMeasure.POPULATION_CODE_SYSTEM, code, null)))
                .setCount(Math.toIntExact(count));
    }
}
