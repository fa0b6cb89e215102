package org.referralbridge.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.IntegrationTest;
import org.referralbridge.server.ehr.EhrPatientSegments;
import org.referralbridge.server.referral.EhrPatients;
import org.referralbridge.server.referral.ReferralReportFacts;
import org.referralbridge.server.reward.RewardLifecycle;
import org.referralbridge.server.surveys.SurveyAdmin;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's facade when the EHR cannot be read for the segments or the advocates' names: the page still gets
 * every other figure, and is told which two are missing, instead of failing as a whole. The application's own beans,
 * with the EHR's failure injected at the one read that meets it.
 */
@IntegrationTest
class ReportBreakdownsIntegrationTests {

    @Autowired
    ReferralReportFacts facts;

    @Autowired
    RewardLifecycle rewards;

    @Autowired
    EhrPatientSegments segments;

    @Autowired
    AdvocateRecognition recognition;

    @Autowired
    NewPatientBaseline baseline;

    @Autowired
    SurveyAdmin surveys;

    @Autowired
    ReportBreakdowns working;

    @Test
    void anEhrThatCannotBeReadForSegmentsLeavesOutSegmentsAndTopAdvocatesOnly() {
        ReportSources failing = new ReportSources(facts, rewards, segments) {
            @Override
            ReportData read(ReportPeriod period, boolean withRewards, boolean withSegments) {
                if (withSegments) {
                    throw new EhrPatients.EhrUnreachable("the EHR did not answer", null);
                }
                return super.read(period, withRewards, withSegments);
            }
        };
        ReportBreakdowns.Breakdowns shown = new ReportBreakdowns(
                        failing, recognition, baseline, surveys, Clock.systemUTC())
                .read("2026-09-01", "2026-09-30", null);

        assertThat(shown.ehrUnavailable()).isTrue();
        assertThat(shown.bySegment()).isEmpty();
        assertThat(shown.topAdvocates()).isEmpty();
        assertThat(shown.byStatus()).hasSize(7);
        assertThat(shown.conversion().get(0).program()).isEqualTo("all");
        assertThat(shown.newPatients().firstMonth()).isEqualTo("2026-09");
        assertThat(shown.survey().responses()).isZero();
        assertThat(working.read("2026-09-01", "2026-09-30", null).ehrUnavailable())
                .isFalse();
    }

    @Test
    void anEhrThatCannotBeReadForTheAdvocatesNamesLeavesOutSegmentsAndTopAdvocatesOnly() {
        AdvocateRecognition unnamed = new AdvocateRecognition(null, null) {
            @Override
            Function<String, String> names(ReportData data, String channel) {
                throw new EhrPatients.EhrUnreachable("the EHR did not answer", null);
            }
        };
        ReportBreakdowns.Breakdowns shown = new ReportBreakdowns(
                        new ReportSources(facts, rewards, segments), unnamed, baseline, surveys, Clock.systemUTC())
                .read("2026-09-01", "2026-09-30", null);

        assertThat(shown.ehrUnavailable()).isTrue();
        assertThat(shown.bySegment()).isEmpty();
        assertThat(shown.topAdvocates()).isEmpty();
        assertThat(shown.keyFigures().referrals()).isZero();
        assertThat(shown.rewardCost().currency()).isEqualTo("USD");
    }
}
