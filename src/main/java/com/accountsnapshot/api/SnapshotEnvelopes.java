package com.accountsnapshot.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answers of {@code /api/account-snapshots}: each in an envelope whose {@code status} is {@code success},
 * {@code not_found} or {@code error}, as the platform's front end and assistant read them.
 */
final class SnapshotEnvelopes {

    static final String SUCCESS = "success";

    private SnapshotEnvelopes() {
    }

    /** Snapshots newest first; {@code total} is how many the answer holds. */
    record SnapshotList(
            String status,
            @Schema(description = "account_snapshots rows, every column under its own name")
            List<Map<String, @Nullable Object>> snapshots,
            int total) {
    }

    record LatestSnapshot(
            String status,
            @Schema(description = "the account_snapshots row, every column under its own name")
            Map<String, @Nullable Object> snapshot) {
    }

    @SnakeCase
    record SnapshotComparison(
            String status,
            long accountId,
            @JsonProperty("snapshot_1") @Schema(description = "the first snapshot, every column")
            Map<String, @Nullable Object> snapshot1,
            @JsonProperty("snapshot_2") @Schema(description = "the second snapshot, every column")
            Map<String, @Nullable Object> snapshot2,
            @Schema(description = "the columns whose values differ, in table order (the row's own ids and times "
                    + "left out)")
            List<String> differingFields) {
    }

    /** An account's compact series, oldest first. */
    @SnakeCase
    record SnapshotSeries(
            String status,
            long accountId,
            int months,
            @Schema(description = "snapshot_id, snapshot_timestamp, snapshot_type, overall_health_score, "
                    + "health_score_change_from_last, health_score_trend, revenue, revenue_change_percent, "
                    + "account_status, playbooks_running_count, playbooks_completed_count, is_significant_change, "
                    + "changed_fields")
            List<Map<String, @Nullable Object>> history,
            int total) {
    }

    /**
     * A refusal: {@code status} {@code not_found} (404) or {@code error} (400), {@code message} what is wrong;
     * {@code error} (the same words) and {@code field} as every other refusal of the API has them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Refusal(String status, String message, String error, @Nullable String field) {

        static Refusal notFound(String message) {
            return new Refusal("not_found", message, message, null);
        }

        static Refusal badRequest(BadRequestException ex) {
            return new Refusal("error", ex.getMessage(), ex.getMessage(), ex.field());
        }
    }
}
