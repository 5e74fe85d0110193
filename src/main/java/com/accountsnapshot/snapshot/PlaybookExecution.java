package com.accountsnapshot.snapshot;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One of an account's {@code playbook_executions} rows (same account and customer). */
public record PlaybookExecution(
        long id,
        @Nullable String playbookId,
        @Nullable String status,
        Instant startedAt,
        @Nullable Instant completedAt) {
}
