package org.referralbridge.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

class MeasureReportPropertiesTests {

    @EnableConfigurationProperties(MeasureReportProperties.class)
    static class Bound {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void offByDefaultEarlyOnTheFirstOfTheMonthAndSummariesOnly() {
        MeasureReportProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("referralbridge.reports.measure-report", MeasureReportProperties.class);

        assertThat(properties.writeMonthly()).isFalse();
        assertThat(properties.perAdvocate()).isFalse();
        assertThat(properties.cron()).isEqualTo("0 15 2 1 * *");
        assertThat(properties.isCronValid()).isTrue();
    }

    @Test
    void aCronThatCannotRunStopsTheStartWithTheKeysName() {
        context.withPropertyValues(
                        "referralbridge.reports.measure-report.write-monthly=true",
                        "referralbridge.reports.measure-report.cron=on the first")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(messages(started.getStartupFailure()))
                            .contains("referralbridge.reports.measure-report.cron must be a Spring cron expression")
                            .doesNotContain("on the first");
                });
        context.withPropertyValues("referralbridge.reports.measure-report.cron=0 0 2 1 * *")
                .run(started -> assertThat(started)
                        .hasNotFailed()
                        .getBean(MeasureReportProperties.class)
                        .extracting(MeasureReportProperties::cron)
                        .isEqualTo("0 0 2 1 * *"));
    }

    @Test
    void theJobIsScheduledWithTheCheckedCronInUtcOnlyWhenWriteMonthlyIsOn() {
        assertThat(tasks(new MeasureReportProperties(false, "0 15 2 1 * *", false)))
                .isEmpty();
        assertThat(tasks(new MeasureReportProperties(true, "0 30 1 1 * *", false)))
                .singleElement()
                .satisfies(task -> {
                    CronTrigger trigger = (CronTrigger) task.getTrigger();
                    assertThat(trigger.getExpression()).isEqualTo("0 30 1 1 * *");
                    assertThat(trigger.toString()).contains("0 30 1 1 * *");
                });
    }

    private static java.util.List<org.springframework.scheduling.config.TriggerTask> tasks(
            MeasureReportProperties properties) {
        MonthlyMeasureReportJob job =
                new MonthlyMeasureReportJob(null, properties, new SimpleDriverDataSource(), Clock.systemUTC());
        ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
        job.configureTasks(registrar);
        assertThat(registrar.getCronTaskList())
                .extracting(CronTask::getExpression)
                .isEmpty();
        return registrar.getTriggerTaskList();
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
