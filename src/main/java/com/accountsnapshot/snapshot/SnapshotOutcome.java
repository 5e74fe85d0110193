package com.accountsnapshot.snapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The result of calculating one account: a snapshot to write, or none (filtered by the cooldown or
 * because the account already has a newer snapshot), with the issues to record either way.
 */
public record SnapshotOutcome(@Nullable AccountSnapshot snapshot, List<SnapshotIssue> issues) {

    public static SnapshotOutcome written(AccountSnapshot snapshot) {
        return new SnapshotOutcome(snapshot, snapshot.warnings());
    }

    public static SnapshotOutcome filtered(List<SnapshotIssue> issues) {
        return new SnapshotOutcome(null, issues);
    }

    public boolean isFiltered() {
        return snapshot == null;
    }
}
