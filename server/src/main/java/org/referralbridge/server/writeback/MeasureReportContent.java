package org.referralbridge.server.writeback;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Meta;

/**
 * A MeasureReport of ours as the EHR holds it, brought to a freshly computed one. The report is wholly ours, so all
 * its content is replaced; its id and meta stay the EHR's. When nothing but the computation time ({@code date}) and
 * the scores' trailing zeros differ, it is left as it is.
 */
final class MeasureReportContent {

    private MeasureReportContent() {}

    /** @return false when {@code current} already shows what {@code fresh} says */
    static boolean replace(MeasureReport current, MeasureReport fresh) {
        if (same(current, fresh)) {
            return false;
        }
        IdType id = current.getIdElement().copy();
        Meta meta = current.getMeta().copy();
        fresh.copyValues(current);
        current.setIdElement(id);
        current.setMeta(meta);
        return true;
    }

    static boolean same(MeasureReport current, MeasureReport fresh) {
        return content(current).equalsDeep(content(fresh));
    }

    private static MeasureReport content(MeasureReport report) {
        MeasureReport content = report.copy();
        content.setIdElement(null);
        content.setMeta(null);
        content.setDateElement(null);
        for (MeasureReport.MeasureReportGroupComponent group : content.getGroup()) {
            if (group.hasMeasureScore() && group.getMeasureScore().hasValue()) {
                // 0.5000 and 0.5 are one score; a client or server on the way may drop the trailing zeros
                group.getMeasureScore()
                        .setValue(group.getMeasureScore().getValue().stripTrailingZeros());
            }
        }
        return content;
    }
}
