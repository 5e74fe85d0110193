package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One {@code account_snapshots} row as calculated, before the writer adds the run's job ids, together with
 * the warnings raised while reading the account's source data (written in the same transaction).
 *
 * @param changedFields the tracked fields that differ from the previous snapshot's stored values, in column
 *        order; null for the account's first snapshot, empty when nothing changed
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
        @Nullable List<FieldChange> changedFields,
        List<SnapshotIssue> warnings) {

    public int productCount() {
        return productsUsed.size();
    }

    /** This snapshot with {@code changedFields} set. */
    AccountSnapshot withChangedFields(List<FieldChange> changes) {
        return new AccountSnapshot(accountId, customerId, snapshotTimestamp, snapshotType, snapshotReason,
                triggerEvent, accountName, accountStatus, industry, region, externalAccountId, revenue, profile,
                productsUsed, primaryProduct, health, kpis, playbooks, recentPlaybookReportIds, recentCsmNoteIds,
                change, List.copyOf(changes), warnings);
    }
}
