package com.accountsnapshot.snapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The playbook fields of a snapshot (docs/snapshot-fields.md). */
public record PlaybookSummary(
        List<@Nullable String> running,
        int runningCount,
        int completedCount,
        int completedLast30Days,
        @Nullable LastPlaybook lastExecuted,
        List<String> recommendationsActive) {
}
