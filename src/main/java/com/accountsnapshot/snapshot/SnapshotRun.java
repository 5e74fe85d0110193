package com.accountsnapshot.snapshot;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What every snapshot of one run shares: the as-of instant all time windows are relative to, the type,
 * the free-text lineage, the cooldown resolved for the type, and the reference ranges the KPIs are classified
 * with (read once for the run).
 */
public record SnapshotRun(
        Instant asOf,
        SnapshotType type,
        @Nullable String reason,
        @Nullable String triggerEvent,
        boolean force,
        Duration cooldown,
        KpiReferenceRanges kpiRanges) {
}
