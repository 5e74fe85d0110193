package com.accountsnapshot.snapshot;

import org.jspecify.annotations.Nullable;

/** One entry of {@code top_critical_kpis}; {@code value} is the KPI's raw {@code data}. */
public record TopCriticalKpi(
        long kpiId,
        String kpiParameter,
        @Nullable String category,
        @Nullable Long productId,
        @Nullable String value,
        @Nullable String impactLevel) {
}
