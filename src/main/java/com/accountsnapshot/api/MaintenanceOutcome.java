package com.accountsnapshot.api;

import java.time.Instant;

import com.accountsnapshot.run.SnapshotQuarantine;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** What a maintenance operation moved, or in a dry run would move. */
record MaintenanceOutcome(
        String action,
        boolean applied,
        long snapshots,
        long accounts,
        @JsonProperty("latest_snapshot_timestamp") @Nullable Instant latestSnapshotTimestamp) {

    static MaintenanceOutcome of(SnapshotQuarantine.Outcome outcome) {
        return new MaintenanceOutcome(outcome.action(), outcome.applied(), outcome.snapshots(), outcome.accounts(),
                outcome.latest());
    }
}
