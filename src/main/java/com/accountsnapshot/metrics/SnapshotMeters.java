package com.accountsnapshot.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.accountsnapshot.snapshot.SnapshotIssue;
import com.accountsnapshot.snapshot.SnapshotType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The product's counters of what runs did: snapshots written by snapshot type, issues recorded by kind and
 * accounts filtered by reason. Each count is added when the chunk transaction it happened in commits (at
 * once outside a transaction), so the counters agree with the rows a run leaves behind, whatever rolls back.
 * Every tag value is registered at zero up front, so a scrape shows a count that has not happened yet as 0.
 * Counted in the process that runs the chunks: a remote worker counts its own partitions.
 */
public final class SnapshotMeters {

    /** Snapshots inserted into {@code account_snapshots}, tag {@code type} (the snapshot type's code). */
    public static final String SNAPSHOTS_WRITTEN = "account_snapshot.snapshots.written";

    /** Rows recorded in {@code snapshot_run_issues}, tag {@code kind} ({@code warning} or {@code skipped}). */
    public static final String ISSUES_RECORDED = "account_snapshot.issues.recorded";

    /** Accounts read but not snapshotted, tag {@code reason} ({@code cooldown} or {@code out_of_order}). */
    public static final String ACCOUNTS_FILTERED = "account_snapshot.accounts.filtered";

    /** Why an account read by a run got no snapshot from it. */
    public enum FilterReason {
        /** Its latest snapshot is younger than the run type's cooldown. */
        COOLDOWN,
        /** Its latest snapshot is later than the run's as-of instant. */
        OUT_OF_ORDER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<SnapshotType, Counter> written;

    private final Map<String, Counter> issues;

    private final Map<FilterReason, Counter> filtered;

    public SnapshotMeters(MeterRegistry registry) {
        this.written = Arrays.stream(SnapshotType.values()).collect(Collectors.toMap(Function.identity(),
                type -> Counter.builder(SNAPSHOTS_WRITTEN).description("Snapshots written")
                        .tag("type", type.code()).register(registry)));
        this.issues = List.of(SnapshotIssue.WARNING, SnapshotIssue.SKIPPED).stream().collect(Collectors.toMap(
                Function.identity(), kind -> Counter.builder(ISSUES_RECORDED).description("Run issues recorded")
                        .tag("kind", kind).register(registry)));
        this.filtered = Arrays.stream(FilterReason.values()).collect(Collectors.toMap(Function.identity(),
                reason -> Counter.builder(ACCOUNTS_FILTERED).description("Accounts read but not snapshotted")
                        .tag("reason", reason.tag()).register(registry)));
    }

    /** {@code count} snapshots of {@code type} were written in the current chunk. */
    public void written(SnapshotType type, int count) {
        Counter counter = written.get(type);
        afterCommit(() -> counter.increment(count));
    }

    /** These issues were recorded in the current chunk. */
    public void recorded(List<SnapshotIssue> recorded) {
        Map<String, Long> byKind = recorded.stream()
                .collect(Collectors.groupingBy(SnapshotIssue::type, Collectors.counting()));
        byKind.forEach((kind, count) -> {
            Counter counter = issues.get(kind);
            if (counter == null) {
                throw new IllegalArgumentException("Unknown issue kind '" + kind + "'");
            }
            afterCommit(() -> counter.increment(count));
        });
    }

    /** An account of the current chunk was not snapshotted, for this reason. */
    public void filtered(FilterReason reason) {
        Counter counter = filtered.get(reason);
        afterCommit(counter::increment);
    }

    private static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
