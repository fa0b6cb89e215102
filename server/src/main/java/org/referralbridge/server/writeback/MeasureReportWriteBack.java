package org.referralbridge.server.writeback;

import java.time.YearMonth;
import org.hl7.fhir.r4.model.MeasureReport;
import org.referralbridge.fhirplugin.client.CreateOutcome;
import org.referralbridge.fhirplugin.client.EhrClient;
import org.referralbridge.fhirplugin.client.WriteOutcome;
import org.referralbridge.server.queue.PermanentFailure;
import org.referralbridge.server.queue.RetryLater;
import org.referralbridge.server.queue.WorkItem;
import org.referralbridge.server.reports.MeasureReportRequested;
import org.referralbridge.server.reports.MonthlyMeasureReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one monthly MeasureReport into the EHR: computed now (see {@link MonthlyMeasureReports#report}), created
 * conditionally on its identifier, or, when the EHR holds it already, changed in place with {@code If-Match} on the
 * version read, and only when its figures (or period, subject, measure) differ from what the EHR shows: a re-run
 * without late data writes nothing. A Provenance follows each write. Logs name the month, the program key and ids,
 * never the referral code.
 */
class MeasureReportWriteBack {

    private static final Logger log = LoggerFactory.getLogger(MeasureReportWriteBack.class);

    /**
     * Rows of one report may wait side by side (a pending row loses its pending key once claimed, so a trigger during
     * an outage queues another): those never run at once on this instance, so two conditional creates of one report
     * cannot race here. Striped by identifier, so the locks do not grow with the months.
     */
    private static final int STRIPES = 64;

    private final EhrClient ehr;
    private final ProvenanceRecords provenance;
    private final MonthlyMeasureReports reports;
    private final Object[] stripes = new Object[STRIPES];

    MeasureReportWriteBack(EhrClient ehr, ProvenanceRecords provenance, MonthlyMeasureReports reports) {
        this.ehr = ehr;
        this.provenance = provenance;
        this.reports = reports;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    static String identifierQuery(MeasureReport report) {
        return "identifier=" + MonthlyMeasureReports.IDENTIFIER_SYSTEM + "|"
                + report.getIdentifierFirstRep().getValue();
    }

    void handle(WorkItem item, MeasureReportPayload payload) {
        String identifier =
                MeasureReportRequested.identifierValue(payload.yearMonth(), payload.program(), payload.advocateCode());
        synchronized (stripes[Math.floorMod(identifier.hashCode(), STRIPES)]) {
            write(item, payload);
        }
    }

    private void write(WorkItem item, MeasureReportPayload payload) {
        YearMonth month = payload.yearMonth();
        String what = describe(payload);
        MeasureReport fresh = reports.report(month, payload.program(), payload.advocateCode())
                .orElseThrow(() -> new PermanentFailure(
                        "the advocate of the MeasureReport of " + what + " is no longer enrolled", null));
        String query = identifierQuery(fresh);
        CreateOutcome created = EhrCalls.call("create MeasureReport", () -> ehr.create(fresh, query));
        String id = created.id() != null ? created.id() : EhrCalls.findOne(ehr, "MeasureReport", query);
        if (id == null) {
            // the EHR said it had one, yet named none and finds none: its search may lag behind its writes
            throw new RetryLater("the EHR reported no id for the MeasureReport of " + what, null, null);
        }
        if (created.created()) {
            log.info("Created MeasureReport/{} of {}", id, what);
            recordProvenance(item, payload, id, created.versionId(), true);
            return;
        }
        WriteOutcome outcome = EhrCalls.call(
                "update MeasureReport/" + id,
                () -> ehr.update(MeasureReport.class, id, current -> MeasureReportContent.replace(current, fresh)));
        switch (outcome.result()) {
            case WRITTEN -> {
                log.info("Updated MeasureReport/{} of {} (now version {})", id, what, outcome.versionId());
                recordProvenance(item, payload, id, outcome.versionId(), false);
            }
            case UNCHANGED -> {
                log.info("MeasureReport/{} of {} already shows these figures; nothing written", id, what);
                if (item.attempts() > 1) {
                    // an earlier attempt may have written and then failed before its Provenance
                    recordProvenance(item, payload, id, outcome.versionId(), false);
                }
            }
            case NOT_FOUND -> throw new RetryLater("MeasureReport/" + id + " vanished while being written", null, null);
        }
    }

    private static String describe(MeasureReportPayload payload) {
        return payload.month() + " (" + (payload.program() == null ? "all programs" : "program " + payload.program())
                + (payload.advocateCode() == null ? "" : ", advocate Patient/" + payload.advocatePatientId()) + ")";
    }

    private void recordProvenance(
            WorkItem item, MeasureReportPayload payload, String id, String versionId, boolean created) {
        EhrCalls.call("record Provenance", () -> {
            provenance.record(
                    item, payload.writeId(), "MeasureReport", id, versionId, created, "monthly program report");
            return null;
        });
    }
}
