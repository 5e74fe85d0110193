package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** An account's {@code health_trends} row with the greatest (year, month). */
public record HealthTrend(
        int year,
        int month,
        @Nullable BigDecimal overallHealthScore,
        @Nullable BigDecimal productUsageScore,
        @Nullable BigDecimal supportScore,
        @Nullable BigDecimal customerSentimentScore,
        @Nullable BigDecimal businessOutcomesScore,
        @Nullable BigDecimal relationshipStrengthScore) {
}
