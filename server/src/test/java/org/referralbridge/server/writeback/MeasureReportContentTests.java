package org.referralbridge.server.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class MeasureReportContentTests {

    private final FhirContext fhir = FhirContext.forR4Cached();

    @Test
    void aReportAsTheEhrKeepsItIsTheSameAsTheFreshOneWhenOnlyItsDateAndTrailingZerosDiffer() {
        MeasureReport fresh = report(2, 1, new BigDecimal("0.5000"), "2026-12-04T01:00:00Z");
        MeasureReport stored = asStored(report(2, 1, new BigDecimal("0.5"), "2026-12-01T02:15:00Z"), "7", "3");

        assertThat(MeasureReportContent.replace(stored, fresh)).isFalse();
        assertThat(stored.getMeta().getVersionId()).isEqualTo("3");
        assertThat(stored.getDateElement().getValueAsString()).isEqualTo("2026-12-01T02:15:00Z");
    }

    @Test
    void lateDataReplacesTheFiguresAndTheDateButKeepsTheEhrsIdAndMeta() {
        MeasureReport fresh = report(3, 1, new BigDecimal("0.3333"), "2026-12-04T01:00:00Z");
        MeasureReport stored = asStored(report(2, 1, new BigDecimal("0.5000"), "2026-12-01T02:15:00Z"), "7", "3");

        assertThat(MeasureReportContent.replace(stored, fresh)).isTrue();
        assertThat(stored.getIdElement().getIdPart()).isEqualTo("7");
        assertThat(stored.getMeta().getVersionId()).isEqualTo("3");
        assertThat(stored.getGroupFirstRep().getPopulationFirstRep().getCount()).isEqualTo(3);
        assertThat(stored.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("0.3333");
        assertThat(stored.getDateElement().getValueAsString()).isEqualTo("2026-12-04T01:00:00Z");
        assertThat(MeasureReportContent.replace(stored, fresh)).isFalse();
    }

    private MeasureReport asStored(MeasureReport report, String id, String version) {
        MeasureReport stored = fhir.newJsonParser()
                .parseResource(MeasureReport.class, fhir.newJsonParser().encodeResourceToString(report));
        stored.setId("MeasureReport/" + id + "/_history/" + version);
        stored.getMeta().setVersionId(version).setSource("#ehr");
        return stored;
    }

    private static MeasureReport report(int referred, int qualified, BigDecimal ratio, String date) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure("https://referralbridge.org/fhir/Measure/referral-program|0.1.0");
        report.setDateElement(new DateTimeType(date));
        report.setSubject(new Reference("Patient/1"));
        report.setPeriod(new Period()
                .setStartElement(new DateTimeType("2026-09-01"))
                .setEndElement(new DateTimeType("2026-09-30")));
        report.addIdentifier().setSystem("https://example.org/sid").setValue("2026-09");
        MeasureReport.MeasureReportGroupComponent group = report.addGroup()
                .setCode(new CodeableConcept(new Coding("https://example.org/group", "conversion", null)));
        group.addPopulation().setCount(referred);
        group.addPopulation().setCount(qualified);
        group.setMeasureScore(new Quantity().setValue(ratio));
        return report;
    }
}
