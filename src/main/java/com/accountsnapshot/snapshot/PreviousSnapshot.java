package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The part of an earlier {@code account_snapshots} row that change detection compares against.
 *
 * @param storedFields its tracked fields ({@link TrackedFields#NAMES}) as the JSON of their stored values
 */
public record PreviousSnapshot(
        long snapshotId,
        int sequenceNumber,
        Instant snapshotTimestamp,
        @Nullable BigDecimal overallHealthScore,
        @Nullable BigDecimal revenue,
        @Nullable String accountStatus,
        Map<String, JsonNode> storedFields) {
}
