package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** How a snapshot differs from the account's previous one (docs/snapshot-fields.md, "Change since the previous snapshot"). */
public record ChangeSummary(
        @Nullable Long previousSnapshotId,
        int sequenceNumber,
        @Nullable Integer daysSinceLastSnapshot,
        @Nullable BigDecimal healthScoreChange,
        @Nullable BigDecimal revenueChange,
        @Nullable BigDecimal revenueChangePercent,
        String healthScoreTrend,
        boolean significantChange) {

    public static final String IMPROVING = "improving";
    public static final String DECLINING = "declining";
    public static final String STABLE = "stable";
}
