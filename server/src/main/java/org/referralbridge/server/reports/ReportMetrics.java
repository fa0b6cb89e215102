package org.referralbridge.server.reports;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.referralbridge.server.referral.ReferralStatus;
import org.referralbridge.server.reports.ProgramMetrics.ActiveAdvocates;
import org.referralbridge.server.reports.ProgramMetrics.Conversion;
import org.referralbridge.server.reports.ProgramMetrics.RewardCost;
import org.referralbridge.server.reports.ProgramMetrics.TimeToAppointment;
import org.referralbridge.server.reports.ProgramMetrics.TimeToVisit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The program's main figures for the current month (UTC) as Prometheus gauges, computed by {@link ProgramMetrics}
 * on a schedule ({@code referralbridge.reports.metrics-refresh}, 5 minutes by default) and cached, so a scrape reads
 * the cache and never the database: {@code referralbridge.program.advocates{kind=enrolled|referring}}, {@code
 * referralbridge.program.referrals{status}}, {@code referralbridge.program.conversion} (qualified / referred, NaN
 * before any referral of the month), {@code referralbridge.program.time.to.first.visit{quantile=0.5|0.9}} and {@code
 * referralbridge.program.time.to.first.appointment.booked{quantile}} in days (NaN when none), and {@code
 * referralbridge.program.reward.cost}. Labels are fixed codes only, never patient facts.
 */
@Component
class ReportMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ReportMetrics.class);

    /** The figures of the last computation; all zero (or unknown) until the first. */
    record Snapshot(
            ActiveAdvocates advocates,
            Map<ReferralStatus, Long> referrals,
            Conversion conversion,
            TimeToVisit timeToVisit,
            TimeToAppointment timeToAppointment,
            RewardCost rewardCost) {
        static final Snapshot NONE = new Snapshot(
                new ActiveAdvocates(0, 0),
                Map.of(),
                new Conversion(0, 0, null),
                new TimeToVisit(0, null, null),
                new TimeToAppointment(0, null, null),
                new RewardCost(BigDecimal.ZERO, ReportSources.DEFAULT_CURRENCY, 0, 0, null, null));
    }

    private final ReportSources sources;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.NONE);

    ReportMetrics(ReportSources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "referralbridge.program.advocates",
                        current,
                        c -> c.get().advocates().enrolled())
                .tag("kind", "enrolled")
                .description("Advocates enrolled by the end of the current month")
                .register(registry);
        Gauge.builder(
                        "referralbridge.program.advocates",
                        current,
                        c -> c.get().advocates().referring())
                .tag("kind", "referring")
                .description("Advocates with at least one referral made this month")
                .register(registry);
        for (ReferralStatus status : ReferralStatus.values()) {
            Gauge.builder(
                            "referralbridge.program.referrals",
                            current,
                            c -> c.get().referrals().getOrDefault(status, 0L))
                    .tag("status", status.parameterValue())
                    .description("Referrals made this month, by their current status")
                    .register(registry);
        }
        Gauge.builder("referralbridge.program.conversion", current, c -> {
                    Conversion conversion = c.get().conversion();
                    return conversion.ratio() == null
                            ? Double.NaN
                            : conversion.ratio().doubleValue();
                })
                .description("Referrals made this month that qualified, over all referrals made this month")
                .register(registry);
        days(
                registry,
                "referralbridge.program.time.to.first.visit",
                "0.5",
                s -> s.timeToVisit().medianDays());
        days(
                registry,
                "referralbridge.program.time.to.first.visit",
                "0.9",
                s -> s.timeToVisit().p90Days());
        days(
                registry,
                "referralbridge.program.time.to.first.appointment.booked",
                "0.5",
                s -> s.timeToAppointment().medianDays());
        days(
                registry,
                "referralbridge.program.time.to.first.appointment.booked",
                "0.9",
                s -> s.timeToAppointment().p90Days());
        Gauge.builder(
                        "referralbridge.program.reward.cost",
                        current,
                        c -> c.get().rewardCost().cost().doubleValue())
                .description("Retail value of the rewards earned for this month's referrals (voided and blocked"
                        + " left out), in the program's currency")
                .register(registry);
    }

    /** A days figure of this month's referrals at a quantile (nearest rank); NaN when no referral has the event. */
    private void days(MeterRegistry registry, String name, String quantile, Function<Snapshot, BigDecimal> figure) {
        Gauge.builder(name, current, c -> {
                    BigDecimal days = figure.apply(c.get());
                    return days == null ? Double.NaN : days.doubleValue();
                })
                .tag("quantile", quantile)
                .baseUnit("days")
                .description("Days from referral to the event for this month's referrals, at the quantile")
                .register(registry);
    }

    /** Computes the figures of the current month afresh; a failure keeps the last ones (and is logged, no data). */
    @Scheduled(
            initialDelayString = "${referralbridge.reports.metrics-initial-delay:PT20S}",
            fixedDelayString = "${referralbridge.reports.metrics-refresh:PT5M}")
    void refresh() {
        try {
            ReportData data = sources.read(ReportPeriod.thisMonth(clock), true, false);
            Map<ReferralStatus, Long> byStatus = new EnumMap<>(ReferralStatus.class);
            for (ProgramMetrics.StatusCount row : ProgramMetrics.referralsByStatus(data)) {
                byStatus.put(statusOf(row.status()), row.referrals());
            }
            current.set(new Snapshot(
                    ProgramMetrics.activeAdvocates(data),
                    byStatus,
                    ProgramMetrics.conversion(data),
                    ProgramMetrics.timeToVisit(data),
                    ProgramMetrics.timeToAppointment(data),
                    ProgramMetrics.rewardCost(data)));
        } catch (RuntimeException e) {
            log.warn(
                    "program figures for the metrics not refreshed: {}",
                    e.getClass().getSimpleName());
        }
    }

    Snapshot current() {
        return current.get();
    }

    private static ReferralStatus statusOf(String parameterValue) {
        for (ReferralStatus status : ReferralStatus.values()) {
            if (status.parameterValue().equals(parameterValue)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status");
    }
}
