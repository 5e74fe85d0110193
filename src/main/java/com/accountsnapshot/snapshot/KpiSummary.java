package com.accountsnapshot.snapshot;

import java.util.List;

/** The KPI counts of a snapshot and its most critical KPIs (docs/snapshot-fields.md). */
public record KpiSummary(
        int total,
        int accountLevel,
        int productLevel,
        int critical,
        int atRisk,
        int healthy,
        int unscored,
        List<TopCriticalKpi> topCritical) {
}
