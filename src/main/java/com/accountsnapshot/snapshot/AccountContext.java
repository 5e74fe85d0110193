package com.accountsnapshot.snapshot;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An account with every related row its snapshot is computed from, gathered for a whole chunk at once.
 * Related rows are already restricted to the account's own customer.
 *
 * @param products the account's products, ordered by product_id
 * @param kpis the account's KPIs, ordered by kpi_id
 * @param latestTrend the health_trends row with the greatest (year, month), or null
 * @param playbookExecutions the account's executions, ordered by started_at, then id
 * @param activeTriggerTypes playbook_type of the customer's triggers with auto_trigger_enabled, as stored
 * @param recentReportIds up to 3 report ids, newest first
 * @param recentNoteIds up to 5 note ids, newest first
 * @param previousSnapshots up to 2 earlier snapshots of the account, greatest sequence number first; only the first
 *        carries its stored tracked fields (the one before it serves the health trend)
 */
public record AccountContext(
        Account account,
        List<Product> products,
        List<Kpi> kpis,
        @Nullable HealthTrend latestTrend,
        List<PlaybookExecution> playbookExecutions,
        List<String> activeTriggerTypes,
        List<Long> recentReportIds,
        List<Long> recentNoteIds,
        List<PreviousSnapshot> previousSnapshots) {

    /** The account's latest snapshot, or null when it has none. */
    public @Nullable PreviousSnapshot latestSnapshot() {
        return previousSnapshots.isEmpty() ? null : previousSnapshots.get(0);
    }

    /** True when the account already has a snapshot taken after {@code asOf} (an out-of-order run). */
    public boolean hasSnapshotAfter(Instant asOf) {
        PreviousSnapshot latest = latestSnapshot();
        return latest != null && latest.snapshotTimestamp().isAfter(asOf);
    }
}
