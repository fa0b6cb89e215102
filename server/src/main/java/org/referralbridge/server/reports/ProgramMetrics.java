package org.referralbridge.server.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.referralbridge.server.ehr.EhrPatientSegments.Segment;
import org.referralbridge.server.referral.ReferralReportFacts.ReferralFact;
import org.referralbridge.server.referral.ReferralStatus;

/**
 * Every program figure, each defined once here; docs/reports.md writes out the same formulas. A referral belongs to a
 * period when it was made in it ({@link ReferralFact#referredAt}: the evidence's captured time, else when it was
 * recorded); "qualified" means its status is {@code QUALIFIED} now.
 */
final class ProgramMetrics {

    /** The age bands of the segment breakdown, by lower bound. */
    static final List<String> AGE_BANDS = List.of("0-17", "18-34", "35-49", "50-64", "65+");

    static final String UNKNOWN = "unknown";
    static final String NO_CHANNEL = "none";

    private ProgramMetrics() {}

    record ActiveAdvocates(long enrolled, long referring) {}

    record StatusCount(String status, long referrals) {}

    record ChannelCount(String channel, long referrals) {}

    /** @param ratio qualified / referred, four decimals; null when nothing was referred */
    record Conversion(long referred, long qualified, BigDecimal ratio) {}

    /** @param medianDays null when no referral of the period has a visit after it */
    record TimeToVisit(long visits, BigDecimal medianDays, BigDecimal p90Days) {}

    /** @param medianDays null when no referral of the period has an Appointment booked after it */
    record TimeToAppointment(long appointments, BigDecimal medianDays, BigDecimal p90Days) {}

    record ProgramRow(String program, long referred, long qualified, BigDecimal ratio) {}

    record SegmentRow(String dimension, String value, long referred, long qualified) {}

    record AdvocateRow(String referralCode, long referred, long qualified) {}

    /** @param referralCode only for a named advocate */
    record TopAdvocate(int rank, String name, String referralCode, long qualified, long referred) {}

    /** @param cost the retail value of those rewards */
    record IncentiveRow(String itemId, String itemKind, long rewards, BigDecimal cost) {}

    record RewardCost(
            BigDecimal cost,
            String currency,
            long acquiredPatients,
            long qualifiedReferrals,
            BigDecimal costPerAcquiredPatient,
            BigDecimal costPerQualifiedReferral) {}

    /**
     * Enrolled: advocates enrolled before the period's end (no advocate leaves). Referring: distinct advocates linked
     * to at least one referral of the period.
     */
    static ActiveAdvocates activeAdvocates(ReportData data) {
        long enrolled = data.advocates().stream()
                .filter(a -> a.enrolledAt().isBefore(data.period().end()))
                .count();
        long referring = data.referrals().stream()
                .map(ReferralFact::advocateId)
                .filter(Objects::nonNull)
                .distinct()
                .count();
        return new ActiveAdvocates(enrolled, referring);
    }

    /** The referrals of the period by their current status, every status listed (zero included). */
    static List<StatusCount> referralsByStatus(ReportData data) {
        List<StatusCount> rows = new ArrayList<>();
        for (ReferralStatus status : ReferralStatus.values()) {
            long count =
                    data.referrals().stream().filter(r -> r.status() == status).count();
            rows.add(new StatusCount(status.parameterValue(), count));
        }
        return rows;
    }

    /** The referrals of the period by channel code ({@code none} without one), by code. */
    static List<ChannelCount> referralsByChannel(ReportData data) {
        Map<String, Long> counts = new TreeMap<>();
        for (ReferralFact referral : data.referrals()) {
            counts.merge(referral.channel() == null ? NO_CHANNEL : referral.channel(), 1L, Long::sum);
        }
        List<ChannelCount> rows = new ArrayList<>();
        counts.forEach((channel, count) -> rows.add(new ChannelCount(channel, count)));
        return rows;
    }

    /** Referred: referrals of the period; qualified: those of them qualified now; ratio = qualified / referred. */
    static Conversion conversion(ReportData data) {
        return conversionOf(data.referrals());
    }

    /**
     * Days from when each referral of the period was made to its first finished Encounter, for those with one at or
     * after the referral; median and 90th percentile by nearest rank (the value at position ceil(p * n) of the sorted
     * days), two decimals.
     */
    static TimeToVisit timeToVisit(ReportData data) {
        List<BigDecimal> days = daysTo(data, ReferralFact::firstEncounterAt);
        if (days.isEmpty()) {
            return new TimeToVisit(0, null, null);
        }
        return new TimeToVisit(days.size(), nearestRank(days, 50), nearestRank(days, 90));
    }

    /**
     * Days from when each referral of the period was made to when the referred patient's first Appointment at or
     * after it was booked (the Appointment's {@code created}, else when the EHR first had it booked), for those with
     * one; median and 90th percentile as {@link #timeToVisit}.
     */
    static TimeToAppointment timeToAppointment(ReportData data) {
        List<BigDecimal> days = daysTo(data, ReferralFact::firstAppointmentBookedAt);
        if (days.isEmpty()) {
            return new TimeToAppointment(0, null, null);
        }
        return new TimeToAppointment(days.size(), nearestRank(days, 50), nearestRank(days, 90));
    }

    /** The sorted days from each referral's making to {@code event}, for those whose event is at or after it. */
    private static List<BigDecimal> daysTo(ReportData data, Function<ReferralFact, Instant> event) {
        return data.referrals().stream()
                .filter(r -> event.apply(r) != null && !event.apply(r).isBefore(r.referredAt()))
                .map(r -> days(Duration.between(r.referredAt(), event.apply(r))))
                .sorted()
                .toList();
    }

    /** {@link #conversion} per program key ({@code none} without one), by key. */
    static List<ProgramRow> byProgram(ReportData data) {
        Map<String, List<ReferralFact>> groups = group(data.referrals(), r -> orNone(r.programKey()));
        List<ProgramRow> rows = new ArrayList<>();
        groups.forEach((program, referrals) -> {
            Conversion c = conversionOf(referrals);
            rows.add(new ProgramRow(program, c.referred(), c.qualified(), c.ratio()));
        });
        return rows;
    }

    /**
     * Referred and qualified per segment of the referred patient: age band (whole years on the day referred), sex,
     * and the first three characters of the postal code; {@code unknown} where the EHR has no value. Rows by
     * dimension (age-band, sex, postal-prefix), then value.
     */
    static List<SegmentRow> bySegment(ReportData data) {
        List<SegmentRow> rows = new ArrayList<>();
        segmentRows(rows, "age-band", data, (r, s) -> ageBand(s, r));
        segmentRows(rows, "sex", data, (r, s) -> s == null || s.sex() == null ? UNKNOWN : s.sex());
        segmentRows(
                rows,
                "postal-prefix",
                data,
                (r, s) -> s == null || s.postalPrefix() == null ? UNKNOWN : s.postalPrefix());
        return rows;
    }

    /** Referred and qualified per advocate (by referral code) with at least one referral of the period, by code. */
    static List<AdvocateRow> byAdvocate(ReportData data) {
        Map<String, List<ReferralFact>> groups = group(
                data.referrals().stream().filter(r -> r.advocateCode() != null).toList(), ReferralFact::advocateCode);
        List<AdvocateRow> rows = new ArrayList<>();
        groups.forEach((code, referrals) -> {
            Conversion c = conversionOf(referrals);
            rows.add(new AdvocateRow(code, c.referred(), c.qualified()));
        });
        return rows;
    }

    /**
     * The advocates of {@link #byAdvocate} ranked by qualified, then referred (most first), then code; the first
     * {@code limit}. Named (by {@code name}) only when it gives a name, else "an advocate" without the code.
     */
    static List<TopAdvocate> topAdvocates(ReportData data, int limit, Function<String, String> recognisedName) {
        List<AdvocateRow> ranked = new ArrayList<>(byAdvocate(data));
        ranked.sort(Comparator.comparingLong(AdvocateRow::qualified)
                .reversed()
                .thenComparing(Comparator.comparingLong(AdvocateRow::referred).reversed())
                .thenComparing(AdvocateRow::referralCode));
        List<TopAdvocate> rows = new ArrayList<>();
        for (int i = 0; i < ranked.size() && i < limit; i++) {
            AdvocateRow row = ranked.get(i);
            String name = recognisedName.apply(row.referralCode());
            rows.add(new TopAdvocate(
                    i + 1,
                    name == null ? "an advocate" : name,
                    name == null ? null : row.referralCode(),
                    row.qualified(),
                    row.referred()));
        }
        return rows;
    }

    /**
     * Cost: the retail value of the rewards earned for the period's referrals, voided and blocked ones left out.
     * Acquired patients: referrals of the period whose patient had a finished visit. Per acquired patient and per
     * qualified referral: cost divided by each, two decimals (null when dividing by zero).
     */
    static RewardCost rewardCost(ReportData data) {
        BigDecimal cost = BigDecimal.ZERO.setScale(2, RoundingMode.HALF_UP);
        for (ReferralFact referral : data.referrals()) {
            BigDecimal value = data.rewardCosts().get(referral.id());
            if (value != null) {
                cost = cost.add(value);
            }
        }
        cost = cost.setScale(2, RoundingMode.HALF_UP);
        long acquired = data.referrals().stream()
                .filter(r -> r.firstEncounterAt() != null)
                .count();
        long qualified = conversion(data).qualified();
        return new RewardCost(
                cost, data.currency(), acquired, qualified, divide(cost, acquired), divide(cost, qualified));
    }

    /**
     * By incentive: the rewards earned for the period's referrals (voided and blocked left out) per program item
     * given, with their count and the sum of their retail values, by item id.
     */
    static List<IncentiveRow> byIncentive(ReportData data) {
        Map<String, List<ReportData.RewardLine>> groups = new TreeMap<>();
        for (ReportData.RewardLine line : data.rewards()) {
            groups.computeIfAbsent(orNone(line.itemId()), k -> new ArrayList<>())
                    .add(line);
        }
        List<IncentiveRow> rows = new ArrayList<>();
        groups.forEach((item, lines) -> rows.add(new IncentiveRow(
                item,
                lines.get(0).itemKind(),
                lines.size(),
                lines.stream()
                        .map(ReportData.RewardLine::retailValue)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .setScale(2, RoundingMode.HALF_UP))));
        return rows;
    }

    private static Conversion conversionOf(List<ReferralFact> referrals) {
        long qualified = referrals.stream()
                .filter(r -> r.status() == ReferralStatus.QUALIFIED)
                .count();
        long referred = referrals.size();
        BigDecimal ratio = referred == 0
                ? null
                : BigDecimal.valueOf(qualified).divide(BigDecimal.valueOf(referred), 4, RoundingMode.HALF_UP);
        return new Conversion(referred, qualified, ratio);
    }

    private interface SegmentValue {
        String of(ReferralFact referral, Segment segment);
    }

    private static void segmentRows(List<SegmentRow> rows, String dimension, ReportData data, SegmentValue value) {
        Map<String, List<ReferralFact>> groups =
                group(data.referrals(), r -> value.of(r, data.segments().get(r.referredPatientId())));
        groups.forEach((key, referrals) -> {
            Conversion c = conversionOf(referrals);
            rows.add(new SegmentRow(dimension, key, c.referred(), c.qualified()));
        });
    }

    static String ageBand(Segment segment, ReferralFact referral) {
        if (segment == null || segment.birthDate() == null) {
            return UNKNOWN;
        }
        LocalDate on = referral.referredAt().atZone(ZoneOffset.UTC).toLocalDate();
        int age = Period.between(segment.birthDate(), on).getYears();
        if (age < 18) {
            return "0-17";
        } else if (age < 35) {
            return "18-34";
        } else if (age < 50) {
            return "35-49";
        } else if (age < 65) {
            return "50-64";
        }
        return "65+";
    }

    private static Map<String, List<ReferralFact>> group(
            List<ReferralFact> referrals, Function<ReferralFact, String> key) {
        Map<String, List<ReferralFact>> groups = new TreeMap<>();
        for (ReferralFact referral : referrals) {
            groups.computeIfAbsent(key.apply(referral), k -> new ArrayList<>()).add(referral);
        }
        return groups;
    }

    private static String orNone(String value) {
        return value == null ? NO_CHANNEL : value;
    }

    private static BigDecimal days(Duration duration) {
        return BigDecimal.valueOf(duration.toSeconds()).divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal nearestRank(List<BigDecimal> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static BigDecimal divide(BigDecimal cost, long by) {
        return by == 0 ? null : cost.divide(BigDecimal.valueOf(by), 2, RoundingMode.HALF_UP);
    }
}
