package com.accountsnapshot.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Something a run noticed about one account's source data (docs/snapshot-fields.md#bad-source-data).
 *
 * @param type {@code warning}: the field was left null; {@code skipped}: the account was not snapshotted
 * @param field the snapshot or source field concerned, e.g. {@code engagement.score}
 * @param rawValue the offending value as found in the source, or null
 */
public record SnapshotIssue(String type, @Nullable String field, String problem, @Nullable String rawValue) {

    public static final String WARNING = "warning";
    public static final String SKIPPED = "skipped";

    public static SnapshotIssue warning(String field, String problem, @Nullable String rawValue) {
        return new SnapshotIssue(WARNING, field, problem, rawValue);
    }

    public static SnapshotIssue skipped(@Nullable String field, String problem, @Nullable String rawValue) {
        return new SnapshotIssue(SKIPPED, field, problem, rawValue);
    }
}
