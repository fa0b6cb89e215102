package org.referralbridge.server.writeback;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.referralbridge.server.reports.MeasureReportRequested;

/**
 * Which monthly MeasureReport to write: the month ({@code 2026-09}), the program key (null for all), the advocate's
 * referral code and Patient id (null for a summary). The figures are not in the row: the handler computes them when
 * it writes, so a row an EHR outage held back writes the month as it is by then.
 */
record MeasureReportPayload(String month, String program, String advocateCode, String advocatePatientId, UUID writeId)
        implements WritePayload {

    static MeasureReportPayload of(MeasureReportRequested request, UUID writeId) {
        return new MeasureReportPayload(
                request.month().toString(),
                request.program(),
                request.advocateCode(),
                request.advocatePatientId(),
                writeId);
    }

    @Override
    public void requireComplete() {
        WritePayload.require(month, "month");
        WritePayload.require(writeId, "writeId");
        yearMonth();
    }

    /** @throws IllegalArgumentException when the month is not one like {@code 2026-09} */
    YearMonth yearMonth() {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("malformed month");
        }
    }
}
