package org.referralbridge.server.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.referralbridge.server.MovableClock;
import org.referralbridge.server.compliance.ComplianceDecision;
import org.referralbridge.server.compliance.ComplianceOutcome;
import org.referralbridge.server.compliance.ComplianceRule;
import org.referralbridge.server.compliance.LedgerHistory;
import org.referralbridge.server.compliance.RewardItem;
import org.referralbridge.server.compliance.RewardKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's promises, on each database the service runs on (a subclass names it): one reward per referral and rule
 * even when workers race, voids and corrections as new rows, yearly sums by UTC calendar year, no updates. Only the
 * JPA slice starts (no web, no EHR), with the migrations and {@code ddl-auto: validate}; each test uses referrals and
 * referrers of its own, so tests run in any order on one database.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
@Import({RewardLedger.class, RewardLedgerContract.Clocks.class})
// the ledger writes in transactions of its own; a test transaction around it would hide what other threads see
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class RewardLedgerContract {

    private static final String PROGRAM = "friends-2026";

    @Autowired
    RewardLedger ledger;

    @Autowired
    RewardLedgerEntries entries;

    @Autowired
    MovableClock clock;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EntityManager entityManager;

    JdbcClient jdbc;
    String referrer;

    @BeforeEach
    void freshReferrer() {
        jdbc = JdbcClient.create(dataSource);
        referrer = "referrer-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-06-15T12:00:00Z"));
    }

    @Test
    void earnsOnlyOnceForAReferralAndRule() {
        UUID referral = UUID.randomUUID();

        Optional<LedgerEntryView> first = ledger.earn(earned(referral, "first-visit", allow(credit("25.00"))));
        Optional<LedgerEntryView> again = ledger.earn(earned(referral, "first-visit", allow(credit("25.00"))));
        Optional<LedgerEntryView> otherRule = ledger.earn(earned(referral, "tier-3", allow(credit("10.00"))));

        assertThat(first).hasValueSatisfying(entry -> {
            assertThat(entry.kind()).isEqualTo(LedgerEntryKind.EARNED);
            assertThat(entry.referralId()).isEqualTo(referral);
            assertThat(entry.rewardRuleId()).isEqualTo("first-visit");
            assertThat(entry.itemId()).isEqualTo("credit-25.00");
            assertThat(entry.itemKind()).isEqualTo(RewardKind.SERVICE_CREDIT);
            assertThat(entry.retailValue()).isEqualByComparingTo("25.00");
            assertThat(entry.currency()).isEqualTo("USD");
            assertThat(entry.outcome()).isEqualTo(ComplianceOutcome.ALLOW);
            assertThat(entry.ruleIds()).containsExactly("PRACTICE-CAP-ITEM");
            assertThat(entry.recordedAt()).isEqualTo(clock.instant());
            assertThat(entry.recordedBy()).isEqualTo("system");
        });
        assertThat(again).isEmpty();
        assertThat(otherRule).isPresent();
        assertThat(rowsOf(referral, "first-visit")).isEqualTo(1);
        assertThat(ledger.entriesFor(referral)).hasSize(2);
    }

    @Test
    void recordsOneRewardWhenWorkersRaceForTheSameReferralAndRule() throws Exception {
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 0; round < 5; round++) {
                UUID referral = UUID.randomUUID();
                CyclicBarrier start = new CyclicBarrier(workers);
                List<Callable<Optional<LedgerEntryView>>> racers = new ArrayList<>();
                for (int i = 0; i < workers; i++) {
                    racers.add(() -> {
                        start.await();
                        return ledger.earn(earned(referral, "first-visit", allow(credit("25.00"))));
                    });
                }
                List<Optional<LedgerEntryView>> results = new ArrayList<>();
                for (Future<Optional<LedgerEntryView>> result : pool.invokeAll(racers)) {
                    results.add(result.get());
                }

                assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
                assertThat(rowsOf(referral, "first-visit")).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.historyFor(referrer, Year.of(2026)).yearToDate()).isEqualByComparingTo("125.00");
    }

    @Test
    void refusesASecondEarnedRowInTheDatabaseItself() {
        UUID referral = UUID.randomUUID();
        ledger.earn(earned(referral, "first-visit", allow(credit("25.00"))));

        // what a racing instance that passed the existence check at the same moment would insert
        assertThatThrownBy(() -> new TransactionTemplate(transactions)
                        .executeWithoutResult(status -> entries.saveAndFlush(RewardLedgerEntry.earned(
                                earned(referral, "first-visit", allow(credit("15.00"))), clock.instant()))))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(rowsOf(referral, "first-visit")).isEqualTo(1);
    }

    @Test
    void voidsAndCorrectionsAppendRowsAndChangeTheYearlySum() {
        LedgerEntryView credit = ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("10.00"))))
                .orElseThrow();
        LedgerEntryView donation = ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(donation("15.00"))))
                .orElseThrow();
        assertThat(yearToDate(2026)).isEqualByComparingTo("25.00");

        clock.advance(Duration.ofDays(1));
        LedgerEntryView correction = ledger.correct(credit.id(), allow(credit("5.00")), "wrong credit amount", "admin");
        assertThat(yearToDate(2026)).isEqualByComparingTo("20.00");

        clock.advance(Duration.ofDays(1));
        ledger.correct(credit.id(), allow(credit("7.50")), "agreed with the referrer", "admin");
        assertThat(yearToDate(2026)).isEqualByComparingTo("22.50");

        clock.advance(Duration.ofDays(1));
        LedgerEntryView voided =
                ledger.voidEntry(donation.id(), "encounter cancelled", "system").orElseThrow();
        assertThat(yearToDate(2026)).isEqualByComparingTo("7.50");

        assertThat(correction.kind()).isEqualTo(LedgerEntryKind.CORRECTION);
        assertThat(correction.correctsEntryId()).isEqualTo(credit.id());
        assertThat(correction.reason()).isEqualTo("wrong credit amount");
        assertThat(voided.kind()).isEqualTo(LedgerEntryKind.VOIDED);
        assertThat(voided.correctsEntryId()).isEqualTo(donation.id());
        assertThat(voided.retailValue()).isEqualByComparingTo("15.00");
        // the earned rows are as they were recorded
        assertThat(storedValue(credit.id())).isEqualByComparingTo("10.00");
        assertThat(storedValue(donation.id())).isEqualByComparingTo("15.00");
        assertThat(jdbc.sql("select count(*) from reward_ledger where referrer_patient_id = ?")
                        .param(referrer)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void voidsOnceAndNeverCorrectsAVoidedReward() {
        LedgerEntryView credit = ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("10.00"))))
                .orElseThrow();
        LedgerEntryView voided =
                ledger.voidEntry(credit.id(), "referral reversed", "system").orElseThrow();

        assertThat(ledger.voidEntry(credit.id(), "referral reversed", "system")).isEmpty();
        assertThatThrownBy(() -> ledger.correct(credit.id(), allow(credit("5.00")), "late correction", "admin"))
                .isInstanceOf(RewardAlreadyVoided.class);
        assertThatThrownBy(() -> ledger.voidEntry(voided.id(), "void of a void", "admin"))
                .isInstanceOf(LedgerEntryNotFound.class);
        assertThatThrownBy(() -> ledger.voidEntry(UUID.randomUUID(), "unknown", "admin"))
                .isInstanceOf(LedgerEntryNotFound.class);
        assertThatThrownBy(() -> ledger.voidEntry(credit.id(), " ", "admin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(yearToDate(2026)).isEqualByComparingTo("0");
    }

    @Test
    void countsARewardInTheUtcCalendarYearItWasEarnedIn() {
        clock.set(Instant.parse("2026-12-31T23:59:59Z"));
        LedgerEntryView december = ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("10.00"))))
                .orElseThrow();
        // New Year's Eve evening in New York is already next year in UTC
        clock.set(Instant.parse("2026-12-31T19:30:00-05:00"));
        ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("15.00"))));
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("12.00"))));

        assertThat(yearToDate(2026)).isEqualByComparingTo("10.00");
        assertThat(yearToDate(2027)).isEqualByComparingTo("27.00");

        // a correction recorded in January still changes the year the reward was earned in
        clock.set(Instant.parse("2027-01-05T09:00:00Z"));
        ledger.correct(december.id(), allow(credit("4.00")), "wrong amount", "admin");
        assertThat(yearToDate(2026)).isEqualByComparingTo("4.00");
        assertThat(yearToDate(2027)).isEqualByComparingTo("27.00");
        assertThat(yearToDate(2025)).isEqualByComparingTo("0");
    }

    @Test
    void sumsEveryProgramOfTheReferrerAndNoOtherReferrer() {
        ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("10.00"))));
        ledger.earn(new EarnedReward(
                UUID.randomUUID(),
                referrer,
                "referred-" + UUID.randomUUID(),
                "spring-drive",
                "first-visit",
                allow(credit("20.00")),
                "system"));
        ledger.earn(new EarnedReward(
                UUID.randomUUID(),
                "someone-else-" + UUID.randomUUID(),
                "referred-" + UUID.randomUUID(),
                PROGRAM,
                "first-visit",
                allow(credit("40.00")),
                "system"));

        assertThat(yearToDate(2026)).isEqualByComparingTo("30.00");
    }

    @Test
    void countsForTheTexasCapOnlyWhatWasEarnedWhileItApplied() {
        RewardItem item = credit("8.00");
        ComplianceDecision texasMedicaid = new ComplianceDecision(
                item,
                ComplianceOutcome.ALLOW,
                Optional.of(item),
                List.of(ComplianceRule.OIG_NOMINAL_ITEM_15, ComplianceRule.TX_MEDICAID_10_25),
                List.of(ComplianceRule.OIG_NOMINAL_ITEM_15, ComplianceRule.TX_MEDICAID_10_25),
                List.of("passes"),
                Optional.empty());
        ledger.earn(earned(UUID.randomUUID(), "first-visit", texasMedicaid));
        ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("20.00"))));

        LedgerHistory history = ledger.historyFor(referrer, Year.of(2026));

        assertThat(history.yearToDate()).isEqualByComparingTo("28.00");
        assertThat(history.yearToDate(ComplianceRule.TX_MEDICAID_10_25)).isEqualByComparingTo("8.00");
        assertThat(history.yearToDate(ComplianceRule.OIG_NOMINAL_YEAR_75)).isEqualByComparingTo("28.00");
    }

    @Test
    void neverWritesAChangeToARecordedEntry() {
        LedgerEntryView credit = ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("10.00"))))
                .orElseThrow();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            RewardLedgerEntry loaded = entries.findById(credit.id()).orElseThrow();
            ReflectionTestUtils.setField(loaded, "retailValue", new BigDecimal("99.00"));
            ReflectionTestUtils.setField(loaded, "referrerPatientId", "someone-else");
        });

        assertThat(storedValue(credit.id())).isEqualByComparingTo("10.00");
        assertThat(jdbc.sql("select referrer_patient_id from reward_ledger where id = ?")
                        .param(credit.id())
                        .query(String.class)
                        .single())
                .isEqualTo(referrer);
        assertThat(Arrays.stream(RewardLedgerEntries.class.getMethods()).map(Method::getName))
                .allMatch(name -> name.startsWith("save")
                        || name.startsWith("find")
                        || name.startsWith("exists")
                        || name.equals("earnedBetween"));
    }

    @Test
    void refusesABulkUpdate() {
        LedgerEntryView credit = ledger.earn(earned(UUID.randomUUID(), "first-visit", allow(credit("10.00"))))
                .orElseThrow();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> entityManager
                        .createQuery("update RewardLedgerEntry e set e.retailValue = 0")
                        .executeUpdate()))
                .hasStackTraceContaining("immutable");
        assertThat(storedValue(credit.id())).isEqualByComparingTo("10.00");
    }

    private EarnedReward earned(UUID referral, String rule, ComplianceDecision decision) {
        return new EarnedReward(referral, referrer, "referred-" + referral, PROGRAM, rule, decision, "system");
    }

    private static RewardItem credit(String value) {
        return new RewardItem(PROGRAM, "credit-" + value, RewardKind.SERVICE_CREDIT, new BigDecimal(value));
    }

    private static RewardItem donation(String value) {
        return new RewardItem(PROGRAM, "donation-" + value, RewardKind.DONATION, new BigDecimal(value));
    }

    private static ComplianceDecision allow(RewardItem item) {
        List<ComplianceRule> checked = List.of(ComplianceRule.PRACTICE_CAP_ITEM);
        return new ComplianceDecision(
                item,
                ComplianceOutcome.ALLOW,
                Optional.of(item),
                checked,
                checked,
                List.of("passes every applicable rule"),
                Optional.empty());
    }

    private BigDecimal yearToDate(int year) {
        return ledger.historyFor(referrer, Year.of(year)).yearToDate();
    }

    private long rowsOf(UUID referral, String rule) {
        return jdbc.sql("select count(*) from reward_ledger where referral_id = ? and reward_rule_id = ?"
                        + " and entry_kind = 'EARNED'")
                .param(referral)
                .param(rule)
                .query(Long.class)
                .single();
    }

    private BigDecimal storedValue(UUID id) {
        return jdbc.sql("select retail_value from reward_ledger where id = ?")
                .param(id)
                .query(BigDecimal.class)
                .single();
    }

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.parse("2026-06-15T12:00:00Z"));
        }
    }
}
