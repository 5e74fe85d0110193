package com.accountsnapshot.snapshot;

import static com.accountsnapshot.snapshot.AccountContextBuilder.AS_OF;
import static com.accountsnapshot.snapshot.AccountContextBuilder.anAccount;
import static com.accountsnapshot.snapshot.AccountContextBuilder.execution;
import static com.accountsnapshot.snapshot.AccountContextBuilder.healthTrend;
import static com.accountsnapshot.snapshot.AccountContextBuilder.kpi;
import static com.accountsnapshot.snapshot.AccountContextBuilder.manualRun;
import static com.accountsnapshot.snapshot.AccountContextBuilder.previousSnapshot;
import static com.accountsnapshot.snapshot.AccountContextBuilder.productKpi;
import static com.accountsnapshot.snapshot.AccountContextBuilder.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SnapshotCalculatorTest {

    private final SnapshotCalculator calculator = new SnapshotCalculator();

    private AccountSnapshot written(AccountContextBuilder account) {
        SnapshotOutcome outcome = calculator.calculate(account.build(), manualRun());
        assertThat(outcome.isFiltered()).isFalse();
        return outcome.snapshot();
    }

    // ---- cooldown and order (docs/snapshot-fields.md#cooldown-and-out-of-order-snapshots)

    @Test
    void snapshotYoungerThanTheCooldownIsFilteredWithoutIssue() {
        AccountContext account = anAccount()
                .previous(previousSnapshot(1, 1, "2025-06-14T02:00:01Z", "80.00", null, "active")).build();

        SnapshotOutcome outcome = calculator.calculate(account, run(SnapshotType.SCHEDULED, Duration.ofHours(24), false));

        assertThat(outcome.isFiltered()).isTrue();
        assertThat(outcome.issues()).isEmpty();
    }

    @Test
    void snapshotExactlyAsOldAsTheCooldownIsNotFiltered() {
        AccountContext account = anAccount()
                .previous(previousSnapshot(1, 1, "2025-06-14T02:00:00Z", "80.00", null, "active")).build();

        SnapshotOutcome outcome = calculator.calculate(account, run(SnapshotType.SCHEDULED, Duration.ofHours(24), false));

        assertThat(outcome.isFiltered()).isFalse();
        assertThat(outcome.snapshot().change().sequenceNumber()).isEqualTo(2);
        assertThat(outcome.snapshot().change().daysSinceLastSnapshot()).isEqualTo(1);
    }

    @Test
    void forceOverridesTheCooldown() {
        AccountContext account = anAccount()
                .previous(previousSnapshot(1, 1, "2025-06-15T01:59:00Z", "80.00", null, "active")).build();

        SnapshotOutcome outcome = calculator.calculate(account, run(SnapshotType.EVENT_DRIVEN, Duration.ofHours(1), true));

        assertThat(outcome.isFiltered()).isFalse();
        assertThat(outcome.snapshot().change().daysSinceLastSnapshot()).isZero();
    }

    @Test
    void zeroCooldownSnapshotsAgainAtTheSameInstant() {
        AccountContext account = anAccount()
                .previous(previousSnapshot(1, 1, AS_OF.toString(), "80.00", null, "active")).build();

        SnapshotOutcome outcome = calculator.calculate(account, manualRun());

        assertThat(outcome.isFiltered()).isFalse();
        assertThat(outcome.snapshot().change().sequenceNumber()).isEqualTo(2);
    }

    @Test
    void accountWithoutSnapshotIsNeverInCooldown() {
        SnapshotOutcome outcome = calculator.calculate(anAccount().build(),
                run(SnapshotType.SCHEDULED, Duration.ofHours(24), false));

        assertThat(outcome.isFiltered()).isFalse();
    }

    @Test
    void outOfOrderRunIsFilteredEvenWithForceAndRecordsASkippedIssue() {
        // given: the latest snapshot is one second after asOf
        AccountContext account = anAccount()
                .previous(previousSnapshot(1, 1, "2025-06-15T02:00:01Z", "80.00", null, "active")).build();

        // when
        SnapshotOutcome outcome = calculator.calculate(account, run(SnapshotType.MANUAL, Duration.ZERO, true));

        // then
        assertThat(outcome.isFiltered()).isTrue();
        assertThat(outcome.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.type()).isEqualTo(SnapshotIssue.SKIPPED);
            assertThat(issue.field()).isEqualTo("snapshot_timestamp");
            assertThat(issue.rawValue()).isEqualTo("2025-06-15T02:00:01Z");
            assertThat(issue.problem()).contains("2025-06-15T02:00:01Z").contains("2025-06-15T02:00:00Z");
        });
    }

    // ---- account, lineage

    @Test
    void accountFieldsAndRunLineageAreCopied() {
        AccountContext account = anAccount().revenue("1250000.50").status("at-risk").build();

        AccountSnapshot snapshot = calculator.calculate(account,
                run(SnapshotType.POST_UPLOAD, Duration.ZERO, false)).snapshot();

        assertThat(snapshot.accountId()).isEqualTo(42);
        assertThat(snapshot.customerId()).isEqualTo(7);
        assertThat(snapshot.snapshotTimestamp()).isEqualTo(AS_OF);
        assertThat(snapshot.snapshotType()).isEqualTo(SnapshotType.POST_UPLOAD);
        assertThat(snapshot.snapshotReason()).isEqualTo("test reason");
        assertThat(snapshot.triggerEvent()).isEqualTo("test-trigger");
        assertThat(snapshot.accountName()).isEqualTo("Acme Corp");
        assertThat(snapshot.accountStatus()).isEqualTo("at-risk");
        assertThat(snapshot.industry()).isEqualTo("Software");
        assertThat(snapshot.region()).isEqualTo("EMEA");
        assertThat(snapshot.externalAccountId()).isEqualTo("EXT-42");
        assertThat(snapshot.revenue()).isEqualTo(new BigDecimal("1250000.50"));
    }

    @Test
    void reasonAndTriggerEventAreNullWhenNotGiven() {
        AccountSnapshot snapshot = written(anAccount());

        assertThat(snapshot.snapshotReason()).isNull();
        assertThat(snapshot.triggerEvent()).isNull();
    }

    @Test
    void nullRevenueStaysNull() {
        AccountSnapshot snapshot = written(anAccount().revenue(null)
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "500.00", "active")));

        assertThat(snapshot.revenue()).isNull();
        assertThat(snapshot.change().revenueChange()).isNull();
        assertThat(snapshot.change().revenueChangePercent()).isNull();
    }

    @Test
    void revenueTooLargeForNumeric15_2IsNullWithAWarningAndNoChange() {
        AccountSnapshot snapshot = written(anAccount().revenue("-9999999999999.995")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "500.00", "active")));

        assertThat(snapshot.revenue()).isNull();
        assertThat(snapshot.change().revenueChange()).isNull();
        assertThat(snapshot.warnings()).containsExactly(SnapshotIssue.warning("revenue",
                "revenue of -10000000000000.00 does not fit numeric(15,2); stored as null", "-10000000000000.00"));
    }

    @Test
    void trendScoreTooLargeForNumeric5_2IsNullWithAWarningAndTheOthersAreCopied() {
        AccountSnapshot snapshot = written(anAccount()
                .trend(healthTrend("12345.67", "999.994", "999.995", "-1000", "50", null)));

        assertThat(snapshot.health()).isEqualTo(new HealthScores(null, new BigDecimal("999.99"), null, null,
                new BigDecimal("50.00"), null, HealthScores.SOURCE_HEALTH_TREND));
        assertThat(snapshot.warnings()).extracting(SnapshotIssue::field, SnapshotIssue::rawValue).containsExactly(
                tuple("overall_health_score", "12345.67"),
                tuple("support_score", "1000.00"),
                tuple("customer_sentiment_score", "-1000.00"));
    }

    // ---- health source

    @Test
    void latestHealthTrendWithAnOverallScoreIsCopied() {
        AccountSnapshot snapshot = written(anAccount()
                .trend(healthTrend("71.5", "80.25", null, "60", "70.00", "90.10"))
                .kpi(kpi(1, "Support", "99", "high")));

        assertThat(snapshot.health()).isEqualTo(new HealthScores(new BigDecimal("71.50"), new BigDecimal("80.25"), null,
                new BigDecimal("60.00"), new BigDecimal("70.00"), new BigDecimal("90.10"),
                HealthScores.SOURCE_HEALTH_TREND));
    }

    @Test
    void healthTrendWithoutOverallScoreFallsBackToTheKpiProxy() {
        AccountSnapshot snapshot = written(anAccount()
                .trend(healthTrend(null, "80.00", "80.00", "80.00", "80.00", "80.00"))
                .kpi(kpi(1, "Support", "99", "high")));

        assertThat(snapshot.health().source()).isEqualTo(HealthScores.SOURCE_KPI_PROXY);
        assertThat(snapshot.health().support()).isEqualTo(new BigDecimal("100.00"));
        assertThat(snapshot.health().productUsage()).isNull();
    }

    @Test
    void healthProxyFillsAllSixScores() {
        AccountSnapshot snapshot = written(anAccount()
                .kpi(kpi(1, "Product Usage KPIs", "90", "high"))
                .kpi(kpi(2, "Support", "60", "medium"))
                .kpi(kpi(3, "customer sentiment", "10", "low"))
                .kpi(kpi(4, "Business Outcomes KPI", "81", "low"))
                .kpi(kpi(5, " Relationship Strength ", "50.01", "high")));

        assertThat(snapshot.health()).isEqualTo(new HealthScores(new BigDecimal("66.00"), new BigDecimal("100.00"),
                new BigDecimal("60.00"), new BigDecimal("0.00"), new BigDecimal("100.00"), new BigDecimal("60.00"),
                HealthScores.SOURCE_KPI_PROXY));
    }

    @Test
    void noKpisAndNoTrendGivesSourceNone() {
        AccountSnapshot snapshot = written(anAccount());

        assertThat(snapshot.health()).isEqualTo(
                new HealthScores(null, null, null, null, null, null, HealthScores.SOURCE_NONE));
        assertThat(snapshot.kpis()).isEqualTo(new KpiSummary(0, 0, 0, 0, 0, 0, 0, List.of()));
        assertThat(snapshot.change().healthScoreTrend()).isEqualTo(ChangeSummary.STABLE);
    }

    @Test
    void onlyUnscoredKpisGiveSourceNone() {
        AccountSnapshot snapshot = written(anAccount().kpi(kpi(1, "Support", "pending", "high")));

        assertThat(snapshot.health().source()).isEqualTo(HealthScores.SOURCE_NONE);
        assertThat(snapshot.health().overall()).isNull();
        assertThat(snapshot.kpis().unscored()).isEqualTo(1);
    }

    @Test
    void healthChangeAndTrendUseTheRoundedOverallScore() {
        // given: the proxy overall is 85.185..., written as 85.19
        AccountSnapshot snapshot = written(anAccount()
                .kpi(kpi(1, "Product Usage", "90", "low"))
                .kpi(kpi(2, "Business Outcomes", "90", "low"))
                .kpi(kpi(3, "Business Outcomes", "60", "medium"))
                .previous(previousSnapshot(9, 4, "2025-06-01T00:00:00Z", "80.00", null, "active"))
                .previous(previousSnapshot(8, 3, "2025-05-01T00:00:00Z", "82.19", null, "active")));

        assertThat(snapshot.health().overall()).isEqualTo(new BigDecimal("85.19"));
        assertThat(snapshot.change().healthScoreChange()).isEqualTo(new BigDecimal("5.19"));
        assertThat(snapshot.change().significantChange()).isTrue();
        // 85.19 - 82.19 = 3.00 is not above 3
        assertThat(snapshot.change().healthScoreTrend()).isEqualTo(ChangeSummary.STABLE);
    }

    // ---- products

    @Test
    void productsUsedAreTheDistinctProductNamesInProductIdOrder() {
        AccountSnapshot snapshot = written(anAccount()
                .product(30, "Billing").product(10, "CRM").product(20, "Billing").product(40, "crm")
                .profileMetadata("{\"products_used\": [\"Ignored\"]}"));

        assertThat(snapshot.productsUsed()).containsExactly("CRM", "Billing", "crm");
        assertThat(snapshot.productCount()).isEqualTo(3);
        assertThat(snapshot.primaryProduct()).isEqualTo("CRM");
    }

    @Test
    void productsUsedInMetadataIsIgnoredWithoutWarningWhenProductRowsExist() {
        AccountSnapshot snapshot = written(anAccount().product(1, "CRM")
                .profileMetadata("{\"products_used\": 17}"));

        assertThat(snapshot.productsUsed()).containsExactly("CRM");
        assertThat(snapshot.warnings()).isEmpty();
    }

    @Test
    void productsFallBackToTheMetadataList() {
        AccountSnapshot snapshot = written(anAccount()
                .profileMetadata("{\"products_used\": [\" Analytics\", \"CRM \", \"\", \"Analytics\"]}"));

        assertThat(snapshot.productsUsed()).containsExactly("Analytics", "CRM");
        assertThat(snapshot.productCount()).isEqualTo(2);
        assertThat(snapshot.primaryProduct()).isEqualTo("Analytics");
    }

    @Test
    void productsFallBackToTheMetadataCommaString() {
        AccountSnapshot snapshot = written(anAccount().profileMetadata("{\"products_used\": \"CRM , Billing,, CRM\"}"));

        assertThat(snapshot.productsUsed()).containsExactly("CRM", "Billing");
        assertThat(snapshot.primaryProduct()).isEqualTo("CRM");
    }

    @Test
    void noProductsAnywhereGiveAnEmptyListAndNoPrimaryProduct() {
        AccountSnapshot snapshot = written(anAccount().profileMetadata("{\"products_used\": \" , \"}"));

        assertThat(snapshot.productsUsed()).isEmpty();
        assertThat(snapshot.productCount()).isZero();
        assertThat(snapshot.primaryProduct()).isNull();
    }

    @Test
    void unusableMetadataGivesNoProductsAndOneWarning() {
        SnapshotOutcome outcome = calculator.calculate(anAccount().profileMetadata("[\"CRM\"]").build(), manualRun());

        assertThat(outcome.snapshot().productsUsed()).isEmpty();
        assertThat(outcome.snapshot().profile().stakeholderCount()).isNull();
        assertThat(outcome.issues()).extracting(SnapshotIssue::field).containsExactly("profile_metadata");
    }

    // ---- warnings, references, everything together

    @Test
    void everyWarningIsOnTheSnapshotAndInTheOutcome() {
        // given
        AccountContext account = anAccount().revenue("100000000.01")
                .profileMetadata("{\"assigned_csm\": 5, \"products_used\": [\"CRM\", 3], \"champions\": \"Ann\"}")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "0.01", "active"))
                .build();

        // when
        SnapshotOutcome outcome = calculator.calculate(account, manualRun());

        // then
        assertThat(outcome.snapshot().warnings()).extracting(SnapshotIssue::field).containsExactly(
                "assigned_csm", "champions", "products_used[1]", "revenue_change_percent");
        assertThat(outcome.issues()).isEqualTo(outcome.snapshot().warnings());
        assertThat(outcome.snapshot().productsUsed()).containsExactly("CRM");
    }

    @Test
    void completeSnapshotHasEveryField() {
        // given
        AccountContext account = anAccount().revenue("1200.00").status("active")
                .profileMetadata("""
                        {"assigned_csm": "Jane", "csm_manager": "Sam", "account_owner": "Olga", "account_tier": "Gold",
                         "engagement": {"lifecycle_stage": "Adoption", "onboarding_status": "done",
                                        "last_qbr_date": "2025-04-01", "next_qbr_date": "2025-07-01", "score": "81.5"},
                         "champions": [{"name": "Ann", "status": "engaged"}, {"name": "Bob"}]}
                        """)
                .product(2, "CRM").product(5, "Billing")
                .kpi(kpi(11, "Support", "$2.5K", "high"))
                .kpi(kpi(12, "Support", "12 days", "medium"))
                .kpi(productKpi(13, 2, "85%"))
                .kpi(productKpi(14, 5, "tbd"))
                .execution(execution(1, "onboarding", "completed", "2025-04-01T00:00:00Z", "2025-04-20T00:00:00Z"))
                .execution(execution(2, "qbr-prep", "completed", "2025-05-20T00:00:00Z", "2025-05-25T00:00:00Z"))
                .execution(execution(3, "renewal", "in_progress", "2025-06-01T00:00:00Z", null))
                .activeTriggers("renewal", "churn-risk")
                .reports(33L, 31L, 30L).notes(9L, 8L)
                .previous(previousSnapshot(500, 3, "2025-06-08T02:00:00Z", "90.00", "1000.00", "active"))
                .build();

        // when
        SnapshotOutcome outcome = calculator.calculate(account, manualRun());

        // then: Support (3 x 100 + 2 x 0) / 5 = 60; Product Usage 100 (85% healthy, "tbd" unscored)
        // overall (0.2 x 100 + 0.2 x 60) / 0.4 = 80
        // changed_fields: TrackedFieldsTest
        assertThat(outcome.snapshot()).usingRecursiveComparison().ignoringFields("changedFields")
                .isEqualTo(new AccountSnapshot(42, 7, AS_OF, SnapshotType.MANUAL, null, null,
                "Acme Corp", "active", "Software", "EMEA", "EXT-42", new BigDecimal("1200.00"),
                new ProfileFields("Gold", "Jane", "Sam", "Olga", "Adoption", "done", LocalDate.of(2025, 4, 1),
                        LocalDate.of(2025, 7, 1), new BigDecimal("81.50"), "Ann", "engaged", 2),
                List.of("CRM", "Billing"), "CRM",
                new HealthScores(new BigDecimal("80.00"), new BigDecimal("100.00"), new BigDecimal("60.00"), null,
                        null, null, HealthScores.SOURCE_KPI_PROXY),
                new KpiSummary(4, 2, 2, 1, 0, 2, 1,
                        List.of(new TopCriticalKpi(12, "Metric 12", "Support", null, "12 days", "medium"))),
                new PlaybookSummary(List.of("renewal"), 1, 2, 1,
                        new LastPlaybook("renewal", Instant.parse("2025-06-01T00:00:00Z")),
                        List.of("churn-risk", "renewal")),
                List.of(33L, 31L, 30L), List.of(9L, 8L),
                new ChangeSummary(500L, 4, 7, new BigDecimal("-10.00"), new BigDecimal("200.00"),
                        new BigDecimal("20.00"), ChangeSummary.DECLINING, true),
                null, List.of()));
        assertThat(outcome.issues()).isEmpty();
    }

    @Test
    void oneCalculatorGivesTheSameResultsFromManyThreads() {
        AccountContext account = anAccount().revenue("10.00")
                .profileMetadata("{\"engagement\": {\"score\": 1}, \"assigned_csm\": 3}")
                .kpi(kpi(1, "Support", "55", "low")).build();
        SnapshotOutcome expected = calculator.calculate(account, manualRun());

        List<SnapshotOutcome> outcomes = IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> calculator.calculate(account, manualRun())).toList();

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEqualTo(expected));
    }
}
