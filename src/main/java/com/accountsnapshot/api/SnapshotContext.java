package com.accountsnapshot.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot with the content it references, for a language model: the snapshot, its notes (content cut at
 * {@code account-snapshot.api.context-note-length} characters, with an ellipsis) and its reports, in the order
 * the snapshot references them (newest first). A referenced id whose row cannot be read with the snapshot's
 * account and customer (deleted, or filed since under another customer) is listed as unavailable, its content
 * never shown.
 */
@SnakeCase
public record SnapshotContext(
        String status,
        @Schema(description = "the account_snapshots row, every column")
        Map<String, @Nullable Object> snapshot,
        List<Note> notes,
        List<Report> reports,
        List<Long> unavailableNoteIds,
        List<Long> unavailableReportIds) {

    @SnakeCase
    public record Note(
            long noteId,
            String noteType,
            Instant createdAt,
            @Schema(description = "the note's content, cut with an ellipsis when longer than the configured length")
            String content,
            boolean contentTruncated,
            @Schema(description = "the whole note's length in characters")
            int contentLength) {
    }

    @SnakeCase
    public record Report(
            long reportId,
            @Nullable String playbookId,
            String playbookName,
            Instant reportGeneratedAt) {
    }
}
