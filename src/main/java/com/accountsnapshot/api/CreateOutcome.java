package com.accountsnapshot.api;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The answers of a single-account create that waited for its run to end. */
final class CreateOutcome {

    private CreateOutcome() {
    }

    /** The run wrote the account's snapshot: 201. */
    @SnakeCase
    record Created(String status, String message,
            List<Map<String, @Nullable Object>> snapshots,
            long executionId) {
    }

    /** The run ended without a snapshot of the account (its cooldown, or a later snapshot): 200. */
    @SnakeCase
    record Skipped(String status, String message, boolean skipped, long accountId, long executionId) {
    }

    /** The run ended FAILED or STOPPED: 500, with the run to look at and restart. */
    @SnakeCase
    record NotCompleted(String status, String message, long executionId, String runStatus) {
    }
}
