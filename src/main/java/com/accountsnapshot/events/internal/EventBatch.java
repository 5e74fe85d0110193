package com.accountsnapshot.events.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A batch of events of one type, cut at one instant; its run snapshots its accounts. */
public record EventBatch(long batchId, String eventType, Instant cutAt, int eventCount, String firstEventId,
        String status, @Nullable Long jobExecutionId) {
}
