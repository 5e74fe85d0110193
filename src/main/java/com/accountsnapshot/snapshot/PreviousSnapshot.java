package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The part of an earlier {@code account_snapshots} row that change detection compares against. */
public record PreviousSnapshot(
        long snapshotId,
        int sequenceNumber,
        Instant snapshotTimestamp,
        @Nullable BigDecimal overallHealthScore,
        @Nullable BigDecimal revenue,
        @Nullable String accountStatus) {
}
