package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One {@code account_snapshots} row as calculated, before the writer adds the run's job ids, together with
 * the warnings raised while reading the account's source data (written in the same transaction).
 */
public record AccountSnapshot(
        long accountId,
        long customerId,
        Instant snapshotTimestamp,
        SnapshotType snapshotType,
        @Nullable String snapshotReason,
        @Nullable String triggerEvent,
        String accountName,
        @Nullable String accountStatus,
        @Nullable String industry,
        @Nullable String region,
        @Nullable String externalAccountId,
        @Nullable BigDecimal revenue,
        ProfileFields profile,
        List<String> productsUsed,
        @Nullable String primaryProduct,
        HealthScores health,
        KpiSummary kpis,
        PlaybookSummary playbooks,
        List<Long> recentPlaybookReportIds,
        List<Long> recentCsmNoteIds,
        ChangeSummary change,
        List<SnapshotIssue> warnings) {

    public int productCount() {
        return productsUsed.size();
    }
}
