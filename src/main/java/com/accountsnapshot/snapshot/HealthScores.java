package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The six health scores, rounded HALF_UP to 2 places, and where they came from.
 *
 * @param source {@code health_trend}, {@code kpi_proxy} or {@code none}
 */
public record HealthScores(
        @Nullable BigDecimal overall,
        @Nullable BigDecimal productUsage,
        @Nullable BigDecimal support,
        @Nullable BigDecimal customerSentiment,
        @Nullable BigDecimal businessOutcomes,
        @Nullable BigDecimal relationshipStrength,
        String source) {

    public static final String SOURCE_HEALTH_TREND = "health_trend";
    public static final String SOURCE_KPI_PROXY = "kpi_proxy";
    public static final String SOURCE_NONE = "none";
}
