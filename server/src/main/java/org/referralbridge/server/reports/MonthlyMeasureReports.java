package org.referralbridge.server.reports;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.MeasureReport;
import org.referralbridge.conformance.Canonicals;
import org.referralbridge.server.referral.ReferralReportFacts.AdvocateFact;
import org.referralbridge.server.referral.ReferralReportFacts.ReferralFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The MeasureReports of a calendar month that go to the EHR: which there are (the summary of all programs, one per
 * program with a referral in the month, and, when {@code per-advocate} is on, one per advocate with a referral in the
 * month), and each one's content, computed by {@link ProgramMeasureReport} from the same data as {@code GET
 * /api/reports/measure-report} for that month, plus an identifier of ours that names month, program and advocate, so
 * the EHR holds one report per identifier however often it is written.
 */
@Component
public class MonthlyMeasureReports {

    /** The system of the identifier every MeasureReport written to the EHR carries. */
    public static final String IDENTIFIER_SYSTEM = Canonicals.BASE + "/NamingSystem/referral-program-measure-report";

    private static final Logger log = LoggerFactory.getLogger(MonthlyMeasureReports.class);

    private final ReportSources sources;
    private final MeasureReportProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MonthlyMeasureReports(
            ReportSources sources,
            MeasureReportProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.sources = sources;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The month's report as the figures are now, with its identifier; empty when {@code advocateCode} names no
     * enrolled advocate (any more).
     *
     * @param program a program key, or null for all programs
     * @param advocateCode a referral code, or null for the summary
     */
    public Optional<MeasureReport> report(YearMonth month, String program, String advocateCode) {
        ReportData data = sources.read(period(month, program), false, false);
        String subject = null;
        if (advocateCode != null) {
            Optional<AdvocateFact> advocate = data.advocates().stream()
                    .filter(a -> a.referralCode().equals(advocateCode))
                    .findFirst();
            if (advocate.isEmpty()) {
                return Optional.empty();
            }
            data = ProgramMeasureReport.ofAdvocate(data, advocate.get());
            subject = advocate.get().patientId();
        }
        MeasureReport report = ProgramMeasureReport.of(data, subject, clock.instant());
        report.addIdentifier()
                .setSystem(IDENTIFIER_SYSTEM)
                .setValue(MeasureReportRequested.identifierValue(month, program, advocateCode));
        return Optional.of(report);
    }

    /**
     * Asks the write-back to write the month's reports (see the class comment); with {@code program}, only that
     * program's summary. The requests are queued in one transaction: all of them, or none.
     *
     * @return what was asked for, summary first
     */
    List<MeasureReportRequested> queue(YearMonth month, String program) {
        ReportData data = sources.read(period(month, program), false, false);
        List<MeasureReportRequested> requests = new ArrayList<>();
        requests.add(new MeasureReportRequested(month, program, null, null));
        if (program == null) {
            new TreeSet<>(data.referrals().stream()
                            .map(ReferralFact::programKey)
                            .filter(Objects::nonNull)
                            .toList())
                    .forEach(key -> requests.add(new MeasureReportRequested(month, key, null, null)));
            if (properties.perAdvocate()) {
                Map<String, String> patientByCode = new TreeMap<>();
                for (AdvocateFact advocate : data.advocates()) {
                    patientByCode.put(advocate.referralCode(), advocate.patientId());
                }
                new TreeSet<>(data.referrals().stream()
                                .map(ReferralFact::advocateCode)
                                .filter(patientByCode::containsKey)
                                .toList())
                        .forEach(code ->
                                requests.add(new MeasureReportRequested(month, null, code, patientByCode.get(code))));
            }
        }
        transactions.executeWithoutResult(status -> requests.forEach(events::publishEvent));
        log.info(
                "Queued {} MeasureReport(s) of {} for the EHR ({})",
                requests.size(),
                month,
                program == null ? "all programs" : "program " + program);
        return requests;
    }

    /** The month's days, in UTC; a malformed program key is refused as a report parameter. */
    private ReportPeriod period(YearMonth month, String program) {
        return ReportPeriod.of(month.atDay(1).toString(), month.atEndOfMonth().toString(), program, clock);
    }
}
