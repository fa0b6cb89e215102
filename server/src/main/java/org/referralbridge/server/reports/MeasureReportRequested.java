package org.referralbridge.server.reports;

import java.time.YearMonth;
import java.util.Objects;

/**
 * A MeasureReport of one calendar month is to be written to the EHR: the summary of all programs ({@code program}
 * null), of one program, or of one advocate's referrals ({@code advocateCode} set, all programs). The write-back
 * module queues it and computes the report when it writes ({@link MonthlyMeasureReports#report}), so a write that an
 * EHR outage delayed carries the figures of when it happens.
 *
 * @param advocatePatientId the advocate's Patient id, for logs that must not carry the referral code; null for a
 *     summary
 */
public record MeasureReportRequested(YearMonth month, String program, String advocateCode, String advocatePatientId) {

    public MeasureReportRequested {
        Objects.requireNonNull(month, "month");
    }

    /**
     * The report's identifier value under {@link MonthlyMeasureReports#IDENTIFIER_SYSTEM}: {@code 2026-09} for the
     * summary, {@code 2026-09:program:cash} for a program's, {@code 2026-09:advocate:M24E-5CWY} for an advocate's.
     */
    public String identifierValue() {
        return identifierValue(month, program, advocateCode);
    }

    public static String identifierValue(YearMonth month, String program, String advocateCode) {
        StringBuilder value = new StringBuilder(month.toString());
        if (program != null) {
            value.append(":program:").append(program);
        }
        if (advocateCode != null) {
            value.append(":advocate:").append(advocateCode);
        }
        return value.toString();
    }

    /** What the report is of, for logs: month, program key, the advocate's Patient id; never the referral code. */
    public String describe() {
        return month + " (" + (program == null ? "all programs" : "program " + program)
                + (advocatePatientId == null ? "" : ", advocate Patient/" + advocatePatientId) + ")";
    }
}
