package com.accountsnapshot.snapshot;

import static com.accountsnapshot.snapshot.AccountContextBuilder.anAccount;
import static com.accountsnapshot.snapshot.AccountContextBuilder.decimal;
import static com.accountsnapshot.snapshot.AccountContextBuilder.previousSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeDetectorTest {

    private final List<SnapshotIssue> warnings = new ArrayList<>();

    private ChangeSummary detect(AccountContextBuilder builder, @Nullable String currentOverall) {
        AccountContext context = builder.build();
        return ChangeDetector.detect(context.account(), context.account().revenue(), decimal(currentOverall),
                context.previousSnapshots(), AccountContextBuilder.AS_OF, warnings);
    }

    @Test
    void firstSnapshotHasSequenceOneAndNoChange() {
        ChangeSummary change = detect(anAccount().revenue("1000.00"), "80.00");

        assertThat(change).isEqualTo(new ChangeSummary(null, 1, null, null, null, null, ChangeSummary.STABLE, false));
    }

    @Test
    void changeIsMeasuredAgainstTheSnapshotWithTheGreatestSequence() {
        // given
        AccountContextBuilder account = anAccount().revenue("1100.00").status("active")
                .previous(previousSnapshot(501, 7, "2025-06-05T03:00:00Z", "78.50", "1000.00", "active"))
                .previous(previousSnapshot(400, 6, "2025-05-01T00:00:00Z", "70.00", "900.00", "active"));

        // when
        ChangeSummary change = detect(account, "80.00");

        // then: 10 days minus one hour, floored
        assertThat(change.previousSnapshotId()).isEqualTo(501L);
        assertThat(change.sequenceNumber()).isEqualTo(8);
        assertThat(change.daysSinceLastSnapshot()).isEqualTo(9);
        assertThat(change.healthScoreChange()).isEqualTo(new BigDecimal("1.50"));
        assertThat(change.revenueChange()).isEqualTo(new BigDecimal("100.00"));
        assertThat(change.revenueChangePercent()).isEqualTo(new BigDecimal("10.00"));
        assertThat(change.healthScoreTrend()).isEqualTo(ChangeSummary.IMPROVING);
        assertThat(change.significantChange()).isFalse();
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest(name = "previous snapshot at {0}: {1} days")
    @CsvSource({"2025-06-15T02:00:00Z, 0", "2025-06-14T02:00:01Z, 0", "2025-06-14T02:00:00Z, 1",
            "2025-06-14T01:59:59.5Z, 1", "2024-06-15T02:00:00Z, 365"})
    void daysSinceLastSnapshotAreWholeDaysFloored(String previousTimestamp, int days) {
        ChangeSummary change = detect(anAccount()
                .previous(previousSnapshot(1, 1, previousTimestamp, null, null, "active")), null);

        assertThat(change.daysSinceLastSnapshot()).isEqualTo(days);
    }

    @Test
    void revenueChangePercentIsRoundedHalfUp() {
        // 1 / 3 = 33.333...%, -2 / 3 = -66.666...%, 1 / 8 = 12.5%, 1 / 800 = 0.125%
        assertThat(percent("4.00", "3.00")).isEqualTo(new BigDecimal("33.33"));
        assertThat(percent("1.00", "3.00")).isEqualTo(new BigDecimal("-66.67"));
        assertThat(percent("9.00", "8.00")).isEqualTo(new BigDecimal("12.50"));
        assertThat(percent("801.00", "800.00")).isEqualTo(new BigDecimal("0.13"));
        assertThat(percent("799.00", "800.00")).isEqualTo(new BigDecimal("-0.13"));
    }

    private @Nullable BigDecimal percent(String revenue, String previousRevenue) {
        return detect(anAccount().revenue(revenue)
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, previousRevenue, "active")), null)
                .revenueChangePercent();
    }

    @Test
    void revenueChangePercentIsNullUnlessPreviousRevenueIsPositive() {
        assertThat(percent("100.00", "0.00")).isNull();
        assertThat(percent("100.00", "-50.00")).isNull();
        assertThat(detect(anAccount().revenue("100.00")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "0.00", "active")), null)
                .revenueChange()).isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void changesAreNullWhenEitherSideIsNull() {
        ChangeSummary noCurrent = detect(anAccount().revenue(null)
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", "70.00", "100.00", "active")), null);
        ChangeSummary noPrevious = detect(anAccount().revenue("100.00")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, null, "active")), "70.00");

        assertThat(noCurrent.healthScoreChange()).isNull();
        assertThat(noCurrent.revenueChange()).isNull();
        assertThat(noCurrent.revenueChangePercent()).isNull();
        assertThat(noPrevious.healthScoreChange()).isNull();
        assertThat(noPrevious.revenueChange()).isNull();
        assertThat(noPrevious.revenueChangePercent()).isNull();
    }

    @ParameterizedTest(name = "current {0}, previous {1}, {2} -> {3}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, NULL, NULL, stable",
            "80.00, NULL, NULL, stable",
            "80.00, 76.99, NULL, improving",
            "80.00, 77.00, NULL, stable",
            "80.00, 83.00, NULL, stable",
            "80.00, 83.01, NULL, declining",
            "80.00, 80.00, 90.00, declining",
            "80.00, 70.00, 79.00, stable",
            "NULL, 90.00, 80.00, improving",
            "NULL, 90.00, NULL, stable",
            "80.00, NULL, 70.00, improving",
    })
    void trendIncludesTheCurrentScore(String current, String previousOverall, String olderOverall, String trend) {
        ChangeSummary change = detect(anAccount()
                .previous(previousSnapshot(2, 2, "2025-06-10T00:00:00Z", previousOverall, null, "active"))
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", olderOverall, null, "active")), current);

        assertThat(change.healthScoreTrend()).isEqualTo(trend);
    }

    @ParameterizedTest(name = "health {0} -> {1}, revenue {2} -> {3}: significant {4}")
    @CsvSource({
            "80.00, 75.00, 100.00, 100.00, false",
            "80.00, 74.99, 100.00, 100.00, true",
            "75.00, 80.00, 100.00, 100.00, false",
            "74.99, 80.00, 100.00, 100.00, true",
            "80.00, 80.00, 110.00, 100.00, false",
            "80.00, 80.00, 110.01, 100.00, true",
            "80.00, 80.00, 90.00, 100.00, false",
            "80.00, 80.00, 89.99, 100.00, true",
            // 10.004% is rounded to 10.00 before the comparison, as stored
            "80.00, 80.00, 1100.04, 1000.00, false",
            "80.00, 80.00, 1100.05, 1000.00, true",
    })
    void significanceUsesTheRoundedHealthAndRevenueChanges(String current, String previous, String revenue,
            String previousRevenue, boolean significant) {
        ChangeSummary change = detect(anAccount().revenue(revenue).status("active")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", previous, previousRevenue, "active")),
                current);

        assertThat(change.significantChange()).isEqualTo(significant);
    }

    @ParameterizedTest(name = "status {0} after {1}: significant {2}")
    @CsvSource(nullValues = "NULL", value = {
            "active, active, false", "active, Active, true", "churned, active, true", "NULL, active, true",
            "active, NULL, true", "NULL, NULL, false"})
    void statusChangeIsSignificantCaseSensitiveAndNullSafe(String status, String previousStatus,
            boolean significant) {
        ChangeSummary change = detect(anAccount().status(status)
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, null, previousStatus)), null);

        assertThat(change.significantChange()).isEqualTo(significant);
    }

    @Test
    void percentTooLargeForNumeric12And2IsStoredNullWithAWarningButStillSignificant() {
        // given: 0.01 -> 100,000,000.01 is a 10^12 % change
        ChangeSummary change = detect(anAccount().revenue("100000000.01")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "0.01", "active")), null);

        // then
        assertThat(change.revenueChangePercent()).isNull();
        assertThat(change.revenueChange()).isEqualTo(new BigDecimal("100000000.00"));
        assertThat(change.significantChange()).isTrue();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.type()).isEqualTo(SnapshotIssue.WARNING);
            assertThat(warning.field()).isEqualTo("revenue_change_percent");
            assertThat(warning.rawValue()).isEqualTo("1000000000000.00");
            assertThat(warning.problem()).contains("1000000000000.00").contains("numeric(12,2)");
        });
    }

    @Test
    void percentJustBelowTheNumeric12And2LimitIsKept() {
        // 999,999.99 / 0.01 x 100 = 9,999,999,900 %
        ChangeSummary change = detect(anAccount().revenue("1000000.00")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "0.01", "active")), null);

        assertThat(change.revenueChangePercent()).isEqualTo(new BigDecimal("9999999900.00"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void revenueChangeTooLargeForNumeric15And2IsStoredNullWithAWarning() {
        ChangeSummary change = detect(anAccount().revenue("9999999999999.99")
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "-0.01", "active")), null);

        assertThat(change.revenueChange()).isNull();
        assertThat(change.revenueChangePercent()).isNull();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("revenue_change_from_last");
            assertThat(warning.rawValue()).isEqualTo("10000000000000.00");
        });
    }

    @Test
    void healthChangeTooLargeForNumeric5And2IsStoredNullWithAWarningButStillSignificant() {
        ChangeSummary change = detect(anAccount()
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", "-500.00", null, "active")), "500.00");

        assertThat(change.healthScoreChange()).isNull();
        assertThat(change.significantChange()).isTrue();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("health_score_change_from_last");
            assertThat(warning.rawValue()).isEqualTo("1000.00");
        });
    }

    @Test
    void healthChangeJustBelowTheNumeric5And2LimitIsKept() {
        ChangeSummary change = detect(anAccount()
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", "-499.99", null, "active")), "500.00");

        assertThat(change.healthScoreChange()).isEqualTo(new BigDecimal("999.99"));
        assertThat(warnings).isEmpty();
    }
}
