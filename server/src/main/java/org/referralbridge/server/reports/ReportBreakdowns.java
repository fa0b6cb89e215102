package org.referralbridge.server.reports;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The breakdowns the staff reports dashboard draws (referrals by status, by channel, conversion per program) for a
 * range and program, computed by the same {@link ProgramMetrics} methods as {@code /api/reports/**}.
 */
@Service
public class ReportBreakdowns {

    /** The range a breakdown covers as read from the request (defaults applied). */
    public record Range(LocalDate from, LocalDate to, String program) {}

    /** One labelled count: a status or channel code and its referrals. */
    public record Count(String key, long referrals) {}

    /** Conversion of one program ({@code all} first): referred, qualified and their ratio (null without referrals). */
    public record ProgramConversion(String program, long referred, long qualified, BigDecimal ratio) {}

    /** The three breakdowns of one range. */
    public record Breakdowns(
            Range range, List<Count> byStatus, List<Count> byChannel, List<ProgramConversion> conversion) {}

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
    private final Clock clock;

    ReportBreakdowns(ReportSources sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * The breakdowns for {@code from}–{@code to} (ISO dates, both included; blank: this month up to today) and
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
        ReportData data = sources.read(period, false, false);
        List<Count> byStatus = ProgramMetrics.referralsByStatus(data).stream()
                .map(r -> new Count(r.status(), r.referrals()))
                .toList();
        List<Count> byChannel = ProgramMetrics.referralsByChannel(data).stream()
                .map(r -> new Count(r.channel(), r.referrals()))
                .toList();
        ProgramMetrics.Conversion all = ProgramMetrics.conversion(data);
        List<ProgramConversion> conversion = new ArrayList<>();
        conversion.add(new ProgramConversion("all", all.referred(), all.qualified(), all.ratio()));
        for (ProgramMetrics.ProgramRow row : ProgramMetrics.byProgram(data)) {
            conversion.add(new ProgramConversion(row.program(), row.referred(), row.qualified(), row.ratio()));
        }
        return new Breakdowns(new Range(period.from(), period.to(), period.program()), byStatus, byChannel, conversion);
    }
}
