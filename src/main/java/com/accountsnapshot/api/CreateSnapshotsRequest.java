package com.accountsnapshot.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.job.SnapshotRequest;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The prototype's body of {@code POST /api/account-snapshots/create}; every field is optional. Values are
 * handed on as text and checked by {@link SnapshotRequest#parse}, like the command line's options.
 */
@SnakeCase
public record CreateSnapshotsRequest(
        @Schema(description = "only this account (with customer_id too, it must belong to that customer)")
        @Nullable Long accountId,

        @Schema(description = "only this customer's accounts")
        @Nullable Long customerId,

        @Schema(description = "manual (default), scheduled, event_driven, post_upload or post_health_calc")
        @Nullable String snapshotType,

        @Schema(description = "free text, at most 255 characters, copied into every snapshot")
        @Nullable String reason,

        @Schema(description = "free text, at most 100 characters, copied into every snapshot")
        @Nullable String triggerEvent,

        @Schema(description = "true: ignore the snapshot type's cooldown")
        @Nullable Boolean force,

        @Schema(description = "the same as force (the two may not contradict each other)")
        @Nullable Boolean forceCreate,

        @Schema(description = "ISO-8601 instant the snapshots describe (default: now, to the second)",
                example = "2026-11-28T02:00:00Z")
        @Nullable String asOf,

        @JsonProperty("wait")
        @Schema(description = "true: for a single-account request, wait for the run (account-snapshot.api.default-wait,"
                + " 30 s) and answer with the snapshot; a Prefer: wait=N header sets the wait instead")
        @Nullable Boolean waitForRun) {

    /** The job parameters, by {@link SnapshotRequest}'s names, of the fields given. */
    Map<String, String> toParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, SnapshotRequest.ACCOUNT_ID, accountId);
        put(parameters, SnapshotRequest.CUSTOMER_ID, customerId);
        put(parameters, SnapshotRequest.SNAPSHOT_TYPE, snapshotType);
        put(parameters, SnapshotRequest.REASON, reason);
        put(parameters, SnapshotRequest.TRIGGER_EVENT, triggerEvent);
        put(parameters, SnapshotRequest.FORCE, forceOrForceCreate());
        put(parameters, SnapshotRequest.AS_OF, asOf);
        return parameters;
    }

    /** {@code force}, or its synonym {@code force_create}: refused when both are given and differ. */
    @Nullable Boolean forceOrForceCreate() {
        if (force != null && forceCreate != null && !force.equals(forceCreate)) {
            throw new BadRequestException("force_create", "is " + forceCreate + " while force is " + force
                    + "; give one of them");
        }
        return force != null ? force : forceCreate;
    }

    private static void put(Map<String, String> parameters, String name, @Nullable Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }
}
