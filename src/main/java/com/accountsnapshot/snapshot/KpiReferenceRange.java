package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

/** One row of {@code kpi_reference_ranges}: the bounds that classify a KPI value (docs/snapshot-fields.md#kpi-health-rules). */
public record KpiReferenceRange(
        String kpiName,
        boolean higherIsBetter,
        BigDecimal criticalBound,
        BigDecimal healthyBound) {
}
