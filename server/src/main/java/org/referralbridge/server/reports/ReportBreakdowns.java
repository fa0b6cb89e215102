package org.referralbridge.server.reports;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.surveys.SurveyAdmin;
import org.referralbridge.server.surveys.SurveyResults;
import org.springframework.stereotype.Service;

/**
 * Everything the staff reports dashboard shows for a range and program, computed by the same {@link ProgramMetrics}
 * methods (and the same recognition rule for naming advocates) as {@code /api/reports/**}, plus the new-patient
 * baseline and the survey's results of the same days: the reports module's public facade for the page, so the staff
 * module never reaches into another module's internals.
 */
@Service
public class ReportBreakdowns {

    /** The recognition channel the dashboard names top advocates for (the API's default). */
    public static final String RECOGNITION_CHANNEL = "newsletter";

    /** How many top advocates the dashboard lists (the API's default). */
    public static final int TOP_ADVOCATES = 10;

    /** The range a breakdown covers as read from the request (defaults applied). */
    public record Range(LocalDate from, LocalDate to, String program) {}

    /** One labelled count: a status or channel code and its referrals. */
    public record Count(String key, long referrals) {}

    /** Conversion of one program ({@code all} first): referred, qualified and their ratio (null without referrals). */
    public record ProgramConversion(String program, long referred, long qualified, BigDecimal ratio) {}

    /**
     * The summary's key figures (as {@code /api/reports/summary}).
     *
     * @param conversion qualified / referrals, four decimals; null without referrals
     */
    public record KeyFigures(
            long enrolledAdvocates, long referringAdvocates, long referrals, long qualified, BigDecimal conversion) {}

    /**
     * The new-patient baseline next to the range (as {@code /api/reports/new-patients}).
     *
     * @param launchDate the program's launch, null when none is known
     * @param launchSource {@code setting}, {@code programs} or {@code none}
     * @param firstMonth the first month the range touches (YYYY-MM)
     * @param lastMonth the last month the range touches
     * @param monthlyBeforeLaunch mean new patients a month over the stored history before launch; null without one
     * @param monthlyAfterLaunch mean new patients a month over the range's months from launch on; null without one
     * @param newPatients new patients of the range's months
     * @param referredNewPatients those of them, from launch on, with a linked or qualified referral
     * @param referralShare referred / new patients over the range's months from launch on, four decimals; or null
     */
    public record NewPatients(
            LocalDate launchDate,
            String launchSource,
            String firstMonth,
            String lastMonth,
            BigDecimal monthlyBeforeLaunch,
            BigDecimal monthlyAfterLaunch,
            long newPatients,
            long referredNewPatients,
            BigDecimal referralShare) {}

    /** Days to the first finished visit: how many visits, median and 90th percentile (null without visits). */
    public record TimeToVisit(long visits, BigDecimal medianDays, BigDecimal p90Days) {}

    /** Days from referral to the first appointment booked after it; the days null when no referral has one. */
    public record TimeToAppointment(long appointments, BigDecimal medianDays, BigDecimal p90Days) {}

    /** Referred and qualified for one value of a segment dimension. */
    public record SegmentCount(String value, long referred, long qualified) {}

    /** One dimension of the referred patients (age-band, sex, postal-prefix) and its values. */
    public record Segment(String dimension, List<SegmentCount> rows) {}

    /** Referred and qualified of one advocate, by referral code. */
    public record AdvocateCount(String referralCode, long referred, long qualified) {}

    /** A top advocate: named (with the code) only with recognition consent, else "an advocate" without a code. */
    public record TopAdvocate(int rank, String name, String referralCode, long qualified, long referred) {}

    /** The rewards earned per program item: how many and their retail value. */
    public record Incentive(String itemId, String itemKind, long rewards, BigDecimal cost) {}

    /** What the rewards of the range's referrals cost, in all and per acquired patient and qualified referral. */
    public record RewardCost(
            BigDecimal cost,
            String currency,
            long acquiredPatients,
            long qualifiedReferrals,
            BigDecimal costPerAcquiredPatient,
            BigDecimal costPerQualifiedReferral) {}

    /**
     * The dashboard of one range.
     *
     * @param bySegment empty when {@code ehrUnavailable}
     * @param topAdvocates empty when {@code ehrUnavailable}
     * @param survey the survey's answers given on the range's days (not limited by a program: answers name none)
     * @param ehrUnavailable the EHR could not be read for the segments or the advocates' names
     */
    public record Breakdowns(
            Range range,
            List<Count> byStatus,
            List<Count> byChannel,
            List<ProgramConversion> conversion,
            KeyFigures keyFigures,
            NewPatients newPatients,
            TimeToVisit timeToVisit,
            TimeToAppointment timeToAppointment,
            List<Segment> bySegment,
            List<AdvocateCount> byAdvocate,
            List<TopAdvocate> topAdvocates,
            List<Incentive> byIncentive,
            RewardCost rewardCost,
            SurveyResults survey,
            boolean ehrUnavailable) {}

    /** A from, to or program parameter the reports do not accept; the message says what is allowed. */
    public static class InvalidRange extends RuntimeException {

        private final String parameter;

        InvalidRange(String parameter, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
        }

        /** The parameter at fault: {@code from}, {@code to} or {@code program}. */
        public String parameter() {
            return parameter;
        }
    }

    private final ReportSources sources;
    private final AdvocateRecognition recognition;
    private final NewPatientBaseline baseline;
    private final SurveyAdmin surveys;
    private final Clock clock;

    ReportBreakdowns(
            ReportSources sources,
            AdvocateRecognition recognition,
            NewPatientBaseline baseline,
            SurveyAdmin surveys,
            Clock clock) {
        this.sources = sources;
        this.recognition = recognition;
        this.baseline = baseline;
        this.surveys = surveys;
        this.clock = clock;
    }

    /**
     * The dashboard for {@code from}–{@code to} (ISO dates, both included; blank: this month up to today) and
     * {@code program} (blank: all).
     *
     * @throws InvalidRange when a parameter is not accepted
     */
    public Breakdowns read(String from, String to, String program) {
        ReportPeriod period;
        try {
            period = ReportPeriod.of(from, to, program, clock);
        } catch (InvalidReportParameter e) {
            throw new InvalidRange(e.parameter(), e.getMessage());
        }
        boolean ehrUnavailable = false;
        ReportData data;
        try {
            data = sources.read(period, true, true);
        } catch (EhrPatients.EhrUnreachable e) {
            ehrUnavailable = true;
            data = sources.read(period, true, false);
        }
        List<Segment> bySegment = ehrUnavailable ? List.of() : segments(data);
        List<TopAdvocate> top = List.of();
        if (!ehrUnavailable) {
            try {
                top =
                        ProgramMetrics.topAdvocates(data, TOP_ADVOCATES, recognition.names(data, RECOGNITION_CHANNEL))
                                .stream()
                                .map(r -> new TopAdvocate(
                                        r.rank(), r.name(), r.referralCode(), r.qualified(), r.referred()))
                                .toList();
            } catch (EhrPatients.EhrUnreachable e) {
                ehrUnavailable = true;
                bySegment = List.of();
            }
        }
        return new Breakdowns(
                new Range(period.from(), period.to(), period.program()),
                byStatus(data),
                byChannel(data),
                conversion(data),
                keyFigures(data),
                baseline.of(period),
                timeToVisit(data),
                timeToAppointment(data),
                bySegment,
                ProgramMetrics.byAdvocate(data).stream()
                        .map(r -> new AdvocateCount(r.referralCode(), r.referred(), r.qualified()))
                        .toList(),
                top,
                ProgramMetrics.byIncentive(data).stream()
                        .map(r -> new Incentive(r.itemId(), r.itemKind(), r.rewards(), r.cost()))
                        .toList(),
                rewardCost(data),
                surveys.results(period.from(), period.to()),
                ehrUnavailable);
    }

    private static List<Count> byStatus(ReportData data) {
        return ProgramMetrics.referralsByStatus(data).stream()
                .map(r -> new Count(r.status(), r.referrals()))
                .toList();
    }

    private static List<Count> byChannel(ReportData data) {
        return ProgramMetrics.referralsByChannel(data).stream()
                .map(r -> new Count(r.channel(), r.referrals()))
                .toList();
    }

    private static List<ProgramConversion> conversion(ReportData data) {
        ProgramMetrics.Conversion all = ProgramMetrics.conversion(data);
        List<ProgramConversion> conversion = new ArrayList<>();
        conversion.add(new ProgramConversion("all", all.referred(), all.qualified(), all.ratio()));
        for (ProgramMetrics.ProgramRow row : ProgramMetrics.byProgram(data)) {
            conversion.add(new ProgramConversion(row.program(), row.referred(), row.qualified(), row.ratio()));
        }
        return conversion;
    }

    private static KeyFigures keyFigures(ReportData data) {
        ProgramMetrics.ActiveAdvocates advocates = ProgramMetrics.activeAdvocates(data);
        ProgramMetrics.Conversion conversion = ProgramMetrics.conversion(data);
        return new KeyFigures(
                advocates.enrolled(),
                advocates.referring(),
                data.referrals().size(),
                conversion.qualified(),
                conversion.ratio());
    }

    private static TimeToVisit timeToVisit(ReportData data) {
        ProgramMetrics.TimeToVisit figure = ProgramMetrics.timeToVisit(data);
        return new TimeToVisit(figure.visits(), figure.medianDays(), figure.p90Days());
    }

    private static TimeToAppointment timeToAppointment(ReportData data) {
        ProgramMetrics.TimeToAppointment figure = ProgramMetrics.timeToAppointment(data);
        return new TimeToAppointment(figure.appointments(), figure.medianDays(), figure.p90Days());
    }

    private static RewardCost rewardCost(ReportData data) {
        ProgramMetrics.RewardCost cost = ProgramMetrics.rewardCost(data);
        return new RewardCost(
                cost.cost(),
                cost.currency(),
                cost.acquiredPatients(),
                cost.qualifiedReferrals(),
                cost.costPerAcquiredPatient(),
                cost.costPerQualifiedReferral());
    }

    /** The segment rows grouped by dimension, in the API's order (age-band, sex, postal-prefix). */
    private static List<Segment> segments(ReportData data) {
        Map<String, List<SegmentCount>> groups = new LinkedHashMap<>();
        for (ProgramMetrics.SegmentRow row : ProgramMetrics.bySegment(data)) {
            groups.computeIfAbsent(row.dimension(), k -> new ArrayList<>())
                    .add(new SegmentCount(row.value(), row.referred(), row.qualified()));
        }
        List<Segment> segments = new ArrayList<>();
        groups.forEach((dimension, rows) -> segments.add(new Segment(dimension, List.copyOf(rows))));
        return segments;
    }
}
