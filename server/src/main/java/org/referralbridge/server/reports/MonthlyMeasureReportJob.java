package org.referralbridge.server.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Writes the previous calendar month's MeasureReports to the EHR once a month ({@code
 * referralbridge.reports.measure-report.cron}, UTC), when {@code write-monthly} is on. The schedule is registered
 * from the validated properties, so the cron that runs is the one checked at start. Of several instances one queues
 * the month (a ShedLock lock named after the month, timed by the database, held at least {@link #HOLD}); should two
 * queue it anyway, the outbox keeps one pending row per report and the EHR one report per identifier.
 */
@Component
class MonthlyMeasureReportJob implements SchedulingConfigurer {

    /** Long enough for instances whose schedules fire a little apart to see the lock still held. */
    static final Duration HOLD = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(MonthlyMeasureReportJob.class);

    private final MonthlyMeasureReports reports;
    private final MeasureReportProperties properties;
    private final LockProvider locks;
    private final Clock clock;

    MonthlyMeasureReportJob(
            MonthlyMeasureReports reports, MeasureReportProperties properties, DataSource dataSource, Clock clock) {
        this.reports = reports;
        this.properties = properties;
        this.locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.writeMonthly()) {
            registrar.addTriggerTask(
                    this::runScheduled, new CronTrigger(properties.cron().strip(), ZoneOffset.UTC));
        }
    }

    private void runScheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            // the next run, or a program admin's manual trigger, writes the month; the message may quote data
            log.warn(
                    "Queueing the monthly MeasureReports failed ({})",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Queues the month before the clock's current one (UTC), unless {@code write-monthly} is off or another run holds
     * the month's lock.
     *
     * @return what was queued; empty when nothing was
     */
    List<MeasureReportRequested> run() {
        if (!properties.writeMonthly()) {
            return List.of();
        }
        YearMonth previous = YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(1);
        // the creation time only checks that the lock does not end in the past: the database times the lock
        Optional<SimpleLock> lock =
                locks.lock(new LockConfiguration(ClockProvider.now(), "measure-report-" + previous, HOLD, HOLD));
        if (lock.isEmpty()) {
            log.info("The MeasureReports of {} are being queued by another run", previous);
            return List.of();
        }
        try {
            return reports.queue(previous, null);
        } finally {
            lock.get().unlock();
        }
    }
}
