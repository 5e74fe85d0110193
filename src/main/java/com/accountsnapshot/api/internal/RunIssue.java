package com.accountsnapshot.api.internal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One row of snapshot_run_issues: a field left null ({@code warning}) or an account not snapshotted
 * ({@code skipped}).
 */
public record RunIssue(
        @JsonProperty("issue_id") long issueId,
        @JsonProperty("account_id") @Nullable Long accountId,
        @JsonProperty("issue_type") String issueType,
        @Nullable String field,
        String problem,
        @JsonProperty("raw_value") @Nullable String rawValue,
        @JsonProperty("created_at") Instant createdAt) {
}
