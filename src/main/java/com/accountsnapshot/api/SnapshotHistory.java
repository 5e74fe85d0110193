package com.accountsnapshot.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A page of an account's snapshots, newest first, with how many it has in all. */
public record SnapshotHistory(
        @JsonProperty("account_id") long accountId,
        long total,
        int page,
        int size,
        @Schema(description = "account_snapshots rows, every column under its own name")
        List<Map<String, @Nullable Object>> snapshots) {
}
