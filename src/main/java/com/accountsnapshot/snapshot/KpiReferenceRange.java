package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

/** One row of {@code kpi_reference_ranges}: the bounds that classify a KPI value (SPEC §6). */
public record KpiReferenceRange(
        String kpiName,
        boolean higherIsBetter,
        BigDecimal criticalBound,
        BigDecimal healthyBound) {
}
