package com.accountsnapshot.api;

import java.util.List;
import java.util.Map;

import com.accountsnapshot.api.SnapshotEnvelopes.Refusal;
import com.accountsnapshot.api.internal.JdbcAccountSnapshotQueries;
import com.accountsnapshot.api.internal.JdbcSnapshotReferences;
import com.accountsnapshot.security.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A snapshot and the notes and reports it references, for an assistant's prompt: as JSON, or with
 * {@code Accept: text/plain} as a block of text (docs/operations.md#http-api). Only snapshots of the principal's
 * customers; the referenced rows are read with the snapshot's customer in the query.
 */
@RestController
class SnapshotContextController {

    static final String ELLIPSIS = "\u2026";

    private final JdbcAccountSnapshotQueries snapshots;

    private final JdbcSnapshotReferences references;

    private final ApiProperties properties;

    SnapshotContextController(JdbcAccountSnapshotQueries snapshots, JdbcSnapshotReferences references,
            ApiProperties properties) {
        this.snapshots = snapshots;
        this.references = references;
        this.properties = properties;
    }

    @Operation(summary = "A snapshot with the content of the notes and reports it references, for a language model",
            description = "JSON by default; with Accept: text/plain the same as a plain-text block (refusals too)")
    @ApiResponse(responseCode = "200", description = "the snapshot, its notes (cut at "
            + "account-snapshot.api.context-note-length characters, default 300, with an ellipsis) and reports",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = SnapshotContext.class)),
                    @Content(mediaType = MediaType.TEXT_PLAIN_VALUE, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "a malformed snapshot id",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @ApiResponse(responseCode = "404", description = "no such snapshot (or not one of the principal's customers)",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @GetMapping(path = SnapshotQueryController.PATH + "/{snapshotId}/context",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<?> context(@PathVariable String snapshotId,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        boolean text = wantsText(accept);
        SnapshotContext context;
        try {
            context = context(RequestValues.id("snapshot_id", snapshotId));
        }
        catch (BadRequestException ex) {
            return refusal(HttpStatus.BAD_REQUEST, Refusal.badRequest(ex), text);
        }
        catch (SnapshotNotFoundException ex) {
            return refusal(HttpStatus.NOT_FOUND, Refusal.notFound(ex.getMessage()), text);
        }
        if (text) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(SnapshotContextText.render(context));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(context);
    }

    private SnapshotContext context(long snapshotId) {
        Map<String, @Nullable Object> snapshot = snapshots.snapshot(snapshotId, CustomerScope.current())
                .orElseThrow(() -> new SnapshotNotFoundException("No snapshot has id " + snapshotId));
        long accountId = ((Number) snapshot.get("account_id")).longValue();
        int length = properties.contextNoteLength();
        List<JdbcSnapshotReferences.Note> notes = references.notes(accountId, snapshotId, length);
        List<JdbcSnapshotReferences.Report> reports = references.reports(accountId, snapshotId);
        return new SnapshotContext(SnapshotEnvelopes.SUCCESS, snapshot,
                notes.stream().filter(JdbcSnapshotReferences.Note::found).map(note -> new SnapshotContext.Note(
                        note.noteId(), note.type(), note.createdAt(),
                        note.length() > length ? note.content() + ELLIPSIS : note.content(), note.length() > length,
                        note.length())).toList(),
                reports.stream().filter(JdbcSnapshotReferences.Report::found).map(report -> new SnapshotContext.Report(
                        report.reportId(), report.playbookId(), report.name(), report.generatedAt())).toList(),
                notes.stream().filter(note -> !note.found()).map(JdbcSnapshotReferences.Note::noteId).toList(),
                reports.stream().filter(report -> !report.found()).map(JdbcSnapshotReferences.Report::reportId)
                        .toList());
    }

    private static ResponseEntity<?> refusal(HttpStatus status, Refusal refusal, boolean text) {
        if (text) {
            return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN)
                    .body(refusal.status() + ": " + refusal.message() + "\n");
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(refusal);
    }

    /**
     * Whether the client prefers plain text: the media type of its Accept header with the highest quality (the
     * first of those) is {@code text/plain} or {@code text/*}. No Accept header, or {@code *}{@code /*}: JSON.
     */
    static boolean wantsText(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        MediaType best = null;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            boolean servable = type.includes(MediaType.TEXT_PLAIN) || type.includes(MediaType.APPLICATION_JSON);
            if (servable && (best == null || type.getQualityValue() > best.getQualityValue())) {
                best = type;
            }
        }
        return best != null && "text".equals(best.getType());
    }
}
