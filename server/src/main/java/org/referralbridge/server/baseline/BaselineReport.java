package org.referralbridge.server.baseline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.referralbridge.server.program.ProgramCatalog;
import org.referralbridge.server.referral.ReferralLookup;
import org.referralbridge.server.referral.ReferralStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The baseline figures from what the backfill stored: a new patient is counted in the month (UTC) their first
 * finished Encounter began (its {@code period.start}, else its end); the referral share counts those with a linked or
 * qualified referral. Formulas in {@code docs/baseline.md}.
 */
@Service
public class BaselineReport {

    static final Set<ReferralStatus> REFERRED = EnumSet.of(ReferralStatus.LINKED, ReferralStatus.QUALIFIED);

    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final ReferralLookup referrals;
    private final BaselineProperties properties;
    private final Clock clock;

    BaselineReport(
            JdbcClient jdbc,
            ProgramCatalog programs,
            ReferralLookup referrals,
            BaselineProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.referrals = referrals;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The figures for the months from {@code from} to {@code to}, both included; null from: the first month with a
     * new patient; null to: this month.
     */
    public BaselineFigures figures(YearMonth from, YearMonth to) {
        Map<YearMonth, List<String>> newByMonth = new TreeMap<>();
        jdbc.sql("select p.patient_id, min(coalesce(e.started_at, e.ended_at)) as first_visit"
                        + " from baseline_patient p join baseline_encounter e on e.patient_id = p.patient_id"
                        + " where e.status = 'finished' and coalesce(e.started_at, e.ended_at) is not null"
                        + " group by p.patient_id")
                .query((rs, row) -> {
                    Timestamp first = rs.getTimestamp("first_visit");
                    YearMonth month = YearMonth.from(first.toInstant().atZone(ZoneOffset.UTC));
                    newByMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(rs.getString("patient_id"));
                    return null;
                })
                .list();
        LocalDate launch = properties.launchDate();
        String launchSource = "setting";
        if (launch == null) {
            launch = programs.all().stream()
                    .map(view -> view.program().start())
                    .filter(Objects::nonNull)
                    .min(Comparator.naturalOrder())
                    .orElse(null);
            launchSource = launch == null ? "none" : "programs";
        }
        YearMonth first = from != null
                ? from
                : newByMonth.keySet().stream().findFirst().orElse(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        YearMonth last = to != null ? to : YearMonth.now(clock.withZone(ZoneOffset.UTC));
        YearMonth launchMonth = launch == null ? null : YearMonth.from(launch);
        List<BaselineMonth> months = new ArrayList<>();
        long beforeSum = 0;
        long beforeMonths = 0;
        long afterSum = 0;
        long afterMonths = 0;
        long afterReferred = 0;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            List<String> patients = newByMonth.getOrDefault(month, List.of());
            boolean after = launchMonth != null && !month.isBefore(launchMonth);
            long referred = 0;
            if (after) {
                referred = patients.stream()
                        .filter(id -> referrals
                                .referralOf(id)
                                .filter(r -> REFERRED.contains(r.status()))
                                .isPresent())
                        .count();
                afterSum += patients.size();
                afterMonths++;
                afterReferred += referred;
            } else {
                beforeSum += patients.size();
                beforeMonths++;
            }
            Double share = after && !patients.isEmpty() ? (double) referred / patients.size() : null;
            months.add(new BaselineMonth(month, after, patients.size(), referred, share));
        }
        return new BaselineFigures(
                launch,
                launchSource,
                beforeMonths == 0 ? null : (double) beforeSum / beforeMonths,
                afterMonths == 0 ? null : (double) afterSum / afterMonths,
                afterSum == 0 ? null : (double) afterReferred / afterSum,
                months);
    }
}
