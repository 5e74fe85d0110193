package com.accountsnapshot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A start, restart or stop was accepted: the execution concerned and its status at the time of the answer. */
public record RunAccepted(@JsonProperty("execution_id") long executionId, String status) {
}
