package org.referralbridge.server.reports;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * {@code referralbridge.reports.measure-report.*}: whether the previous calendar month's MeasureReports are written to
 * the EHR on a schedule. Checked at start, so a cron that cannot run stops the service with the key's name instead of
 * a month going by without a report.
 *
 * @param writeMonthly false (the default) leaves the schedule off; the manual trigger works either way
 * @param cron when the job runs, a Spring cron expression (six fields: second, minute, hour, day, month, weekday) in
 *     UTC; by default 02:15 on the 1st of each month, when the month before has ended everywhere the practice may be
 * @param perAdvocate also one report per advocate with a referral in the month (scheduled and manual)
 */
@Validated
@ConfigurationProperties("referralbridge.reports.measure-report")
record MeasureReportProperties(
        @DefaultValue("false") boolean writeMonthly,
        @NotBlank @DefaultValue(DEFAULT_CRON) String cron,
        @DefaultValue("false") boolean perAdvocate) {

    static final String DEFAULT_CRON = "0 15 2 1 * *";

    @AssertTrue(
            message = "referralbridge.reports.measure-report.cron must be a Spring cron expression of six fields"
                    + " (second minute hour day month weekday), e.g. \"" + DEFAULT_CRON + "\"")
    boolean isCronValid() {
        return cron == null || cron.isBlank() || CronExpression.isValidExpression(cron.strip());
    }
}
