/**
 * The program's figures: active advocates, referrals by status and channel, conversion, time to the first visit, by
 * program, patient segment and advocate, reward cost and top advocates; each defined once in {@link
 * org.referralbridge.server.reports.ProgramMetrics} (formulas in docs/reports.md), served by {@code /api/reports/**}
 * as JSON or CSV and as Prometheus gauges; with the baseline module's new-patient figures next to a range ({@code
 * /api/reports/new-patients}); as FHIR MeasureReports on request, and monthly into the EHR through the write-back
 * outbox ({@link org.referralbridge.server.reports.MonthlyMeasureReports}). {@link
 * org.referralbridge.server.reports.ReportBreakdowns} is the public facade the staff dashboard reads all of it through,
 * with the survey's results of the same days.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Program reports")
package org.referralbridge.server.reports;
