package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a snapshot differs from the account's previous ones (docs/snapshot-fields.md, "Change since the previous snapshot").
 * Differences use the rounded values as stored. A difference too large for its column is stored as null
 * with a warning, but significance is still decided on the computed value.
 */
final class ChangeDetector {

    static final BigDecimal SIGNIFICANT_HEALTH_CHANGE = BigDecimal.valueOf(5);

    static final BigDecimal SIGNIFICANT_REVENUE_PERCENT = BigDecimal.valueOf(10);

    static final BigDecimal TREND_THRESHOLD = BigDecimal.valueOf(3);

    private static final long SECONDS_PER_DAY = 86_400;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ChangeDetector() {
    }

    /**
     * @param revenue the snapshot's revenue, as it is written
     * @param currentOverall the snapshot's overall health score, rounded as it is written
     * @param previousSnapshots up to 2 earlier snapshots, greatest sequence number first
     */
    static ChangeSummary detect(Account account, @Nullable BigDecimal revenue, @Nullable BigDecimal currentOverall,
            List<PreviousSnapshot> previousSnapshots, Instant asOf, List<SnapshotIssue> warnings) {
        String trend = trend(currentOverall, previousSnapshots);
        if (previousSnapshots.isEmpty()) {
            return new ChangeSummary(null, 1, null, null, null, null, trend, false);
        }
        PreviousSnapshot previous = previousSnapshots.get(0);
        int days = Math.toIntExact(Math.floorDiv(
                Duration.between(previous.snapshotTimestamp(), asOf).getSeconds(), SECONDS_PER_DAY));

        BigDecimal healthChange = difference(currentOverall, previous.overallHealthScore());
        BigDecimal revenueChange = difference(revenue, previous.revenue());
        BigDecimal revenuePercent = null;
        if (revenueChange != null && previous.revenue().signum() > 0) {
            revenuePercent = revenueChange.multiply(HUNDRED).divide(previous.revenue(), 2, RoundingMode.HALF_UP);
        }
        boolean significant = exceeds(healthChange, SIGNIFICANT_HEALTH_CHANGE)
                || exceeds(revenuePercent, SIGNIFICANT_REVENUE_PERCENT)
                || !Objects.equals(account.accountStatus(), previous.accountStatus());

        return new ChangeSummary(previous.snapshotId(), previous.sequenceNumber() + 1, days,
                ColumnLimits.fitting(healthChange, ColumnLimits.SCORE, "health_score_change_from_last", "numeric(5,2)",
                        warnings),
                ColumnLimits.fitting(revenueChange, ColumnLimits.MONEY, "revenue_change_from_last", "numeric(15,2)",
                        warnings),
                ColumnLimits.fitting(revenuePercent, ColumnLimits.PERCENT, "revenue_change_percent", "numeric(12,2)",
                        warnings),
                trend, significant);
    }

    /**
     * The current overall score, then the two previous snapshots' overall scores, nulls dropped: with two or
     * more, first minus last above 3 is improving, below -3 declining; otherwise stable.
     */
    static String trend(@Nullable BigDecimal currentOverall, List<PreviousSnapshot> previousSnapshots) {
        List<BigDecimal> scores = new ArrayList<>(3);
        if (currentOverall != null) {
            scores.add(currentOverall);
        }
        previousSnapshots.stream().limit(2)
                .map(PreviousSnapshot::overallHealthScore)
                .filter(Objects::nonNull)
                .forEach(scores::add);
        if (scores.size() < 2) {
            return ChangeSummary.STABLE;
        }
        BigDecimal delta = scores.get(0).subtract(scores.get(scores.size() - 1));
        if (delta.compareTo(TREND_THRESHOLD) > 0) {
            return ChangeSummary.IMPROVING;
        }
        return (delta.compareTo(TREND_THRESHOLD.negate()) < 0) ? ChangeSummary.DECLINING : ChangeSummary.STABLE;
    }

    private static @Nullable BigDecimal difference(@Nullable BigDecimal current, @Nullable BigDecimal previous) {
        return (current == null || previous == null) ? null
                : current.subtract(previous).setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean exceeds(@Nullable BigDecimal value, BigDecimal threshold) {
        return value != null && value.abs().compareTo(threshold) > 0;
    }
}
