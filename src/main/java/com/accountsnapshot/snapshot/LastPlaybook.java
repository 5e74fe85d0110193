package com.accountsnapshot.snapshot;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The {@code last_playbook_executed} value: the execution with the greatest started_at, then id. */
public record LastPlaybook(@Nullable String playbookId, Instant startedAt) {
}
