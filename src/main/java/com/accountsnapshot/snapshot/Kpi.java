package com.accountsnapshot.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * One of an account's {@code kpis} rows (same account and customer).
 *
 * @param productId null for an account-level KPI
 * @param data the KPI's value as text, exactly as stored
 */
public record Kpi(
        long kpiId,
        @Nullable Long productId,
        @Nullable String category,
        String kpiParameter,
        @Nullable String data,
        @Nullable String impactLevel) {
}
