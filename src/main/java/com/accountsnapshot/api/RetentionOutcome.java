package com.accountsnapshot.api;

import java.time.Instant;
import java.util.List;

import com.accountsnapshot.run.RetentionPlan;
import org.jspecify.annotations.Nullable;

/**
 * What retention found in, or did to, each partition that may hold snapshots older than keep-all; in a dry run
 * {@code bytes_freed} is an estimate (the partition's size in proportion to the rows removed), once applied it
 * is measured.
 */
@SnakeCase
record RetentionOutcome(
        boolean applied,
        Instant asOf,
        Instant keepAllSince,
        Instant monthlySince,
        @Nullable Instant nothingBefore,
        long rowsNow,
        long rowsKept,
        long bytesFreed,
        List<PartitionOutcome> partitions) {

    /** One partition: {@code action} is {@code keep}, {@code thin} or {@code drop}. */
    @SnakeCase
    record PartitionOutcome(String partition, Instant from, Instant to, String action, long rowsNow, long rowsKept,
            long bytesFreed) {
    }

    static RetentionOutcome of(RetentionPlan plan) {
        return new RetentionOutcome(plan.applied(), plan.now(), plan.keepAllSince(), plan.monthlySince(),
                plan.nothingBefore(), plan.rowsNow(), plan.rowsKept(), plan.bytesFreed(),
                plan.partitions().stream().map(partition -> new PartitionOutcome(partition.name(), partition.from(),
                        partition.to(), partition.action().code(), partition.rowsNow(), partition.rowsKept(),
                        partition.bytesFreed())).toList());
    }
}
