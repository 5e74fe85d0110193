package com.accountsnapshot.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/** The answer of a single-account create that waited for its run to end, and its HTTP status. */
sealed interface CreateOutcome {

    @JsonIgnore
    HttpStatus httpStatus();

    /** The run wrote the account's snapshot: 201. */
    @SnakeCase
    record Created(String status, String message,
            List<Map<String, @Nullable Object>> snapshots,
            long executionId) implements CreateOutcome {

        @Override
        public HttpStatus httpStatus() {
            return HttpStatus.CREATED;
        }
    }

    /** The run ended without a snapshot of the account (its cooldown, or a later snapshot): 200. */
    @SnakeCase
    record Skipped(String status, String message, boolean skipped, long accountId, long executionId)
            implements CreateOutcome {

        @Override
        public HttpStatus httpStatus() {
            return HttpStatus.OK;
        }
    }

    /** The run ended FAILED or STOPPED: 500, with the run to look at and restart. */
    @SnakeCase
    record NotCompleted(String status, String message, long executionId, String runStatus)
            implements CreateOutcome {

        @Override
        public HttpStatus httpStatus() {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
    }
}
