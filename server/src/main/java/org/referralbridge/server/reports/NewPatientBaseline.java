package org.referralbridge.server.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import org.referralbridge.server.baseline.BaselineFigures;
import org.referralbridge.server.baseline.BaselineMonth;
import org.referralbridge.server.baseline.BaselineReport;
import org.referralbridge.server.reports.ReportBreakdowns.NewPatients;
import org.springframework.stereotype.Component;

/**
 * The new-patient baseline next to a report's range, from the baseline module's figures (formulas in
 * docs/baseline.md): the monthly new patients before launch over the whole stored history before it (the baseline
 * is the time before launch, whatever range is asked), and over the months the range touches, the monthly new
 * patients from launch on, the new patients, the referred ones and the referral share. Not limited by a program: the
 * baseline counts every new patient of the practice.
 */
@Component
class NewPatientBaseline {

    private final BaselineReport baseline;

    NewPatientBaseline(BaselineReport baseline) {
        this.baseline = baseline;
    }

    NewPatients of(ReportPeriod period) {
        YearMonth first = YearMonth.from(period.from());
        YearMonth last = YearMonth.from(period.to());
        BaselineFigures history = baseline.figures(null, last);
        BaselineFigures range = baseline.figures(first, last);
        long newPatients = 0;
        long referred = 0;
        for (BaselineMonth month : range.months()) {
            newPatients += month.newPatients();
            referred += month.referredNewPatients();
        }
        return new NewPatients(
                history.launchDate(),
                history.launchSource(),
                first.toString(),
                last.toString(),
                scaled(history.monthlyNewPatientsBeforeLaunch(), 2),
                scaled(range.monthlyNewPatientsAfterLaunch(), 2),
                newPatients,
                referred,
                scaled(range.referralShareAfterLaunch(), 4));
    }

    private static BigDecimal scaled(Double value, int decimals) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }
}
