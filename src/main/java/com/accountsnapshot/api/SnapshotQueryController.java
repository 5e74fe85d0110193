package com.accountsnapshot.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.api.SnapshotEnvelopes.LatestSnapshot;
import com.accountsnapshot.api.SnapshotEnvelopes.Refusal;
import com.accountsnapshot.api.SnapshotEnvelopes.SnapshotComparison;
import com.accountsnapshot.api.SnapshotEnvelopes.SnapshotList;
import com.accountsnapshot.api.SnapshotEnvelopes.SnapshotSeries;
import com.accountsnapshot.api.internal.JdbcAccountSnapshotQueries;
import com.accountsnapshot.security.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Snapshots as the platform's front end and assistant read them (docs/operations.md#http-api): an account's
 * snapshots newest first, its latest, two of them compared, and a compact series for a prompt, each in a
 * {@code status} envelope. Only the principal's customers: anything else answers 404 exactly as a missing one.
 */
@RestController
@RequestMapping(SnapshotQueryController.PATH)
class SnapshotQueryController {

    static final String PATH = "/api/account-snapshots";

    static final int MAX_LIMIT = 1000;

    /** A hundred years. */
    static final int MAX_MONTHS = 1200;

    private final JdbcAccountSnapshotQueries snapshots;

    SnapshotQueryController(JdbcAccountSnapshotQueries snapshots) {
        this.snapshots = snapshots;
    }

    @Operation(summary = "Snapshots newest first (snapshot_timestamp, then snapshot_id): one account's, or with no "
            + "account_id those of every account the principal may see")
    @ApiResponse(responseCode = "200", description = "the snapshots, every column; total = how many are in the answer")
    @ApiResponse(responseCode = "400", description = "a malformed account_id or start_date, a limit not in 1..1000",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @ApiResponse(responseCode = "404", description = "no such account (or not one of the principal's customers)",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @GetMapping
    SnapshotList list(
            @Parameter(description = "only this account's snapshots") @RequestParam(name = "account_id",
                    required = false) @Nullable String accountId,
            @Parameter(description = "at most this many (default 100, at most 1000)") @RequestParam(required = false)
            @Nullable String limit,
            @Parameter(description = "only snapshots taken at or after it: 2026-11-01 (midnight UTC) or an ISO-8601 "
                    + "date-time") @RequestParam(name = "start_date", required = false) @Nullable String startDate) {
        CustomerScope scope = CustomerScope.current();
        Long account = accountId == null ? null : knownAccount(accountId, scope);
        int max = RequestValues.positive("limit", limit, 100, MAX_LIMIT);
        Instant since = startDate == null ? null : RequestValues.dateOrTime("start_date", startDate);
        List<Map<String, @Nullable Object>> rows = snapshots.newestFirst(account, since, max, scope);
        return new SnapshotList(SnapshotEnvelopes.SUCCESS, rows, rows.size());
    }

    @Operation(summary = "The account's latest snapshot")
    @ApiResponse(responseCode = "200", description = "the snapshot, every column")
    @ApiResponse(responseCode = "400", description = "account_id missing or malformed",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @ApiResponse(responseCode = "404", description = "no such account, or it has no snapshot yet",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @GetMapping("/latest")
    LatestSnapshot latest(@RequestParam(name = "account_id", required = false) @Nullable String accountId) {
        CustomerScope scope = CustomerScope.current();
        long account = knownAccount(RequestValues.required("account_id", accountId), scope);
        return new LatestSnapshot(SnapshotEnvelopes.SUCCESS, snapshots.latest(account, scope)
                .orElseThrow(() -> new SnapshotNotFoundException("Account " + account + " has no snapshot yet")));
    }

    @Operation(summary = "Two snapshots of an account side by side, with the columns whose values differ")
    @ApiResponse(responseCode = "200", description = "both snapshots, every column, and the differing columns")
    @ApiResponse(responseCode = "400", description = "a parameter missing or malformed",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @ApiResponse(responseCode = "404", description = "no such account, or a snapshot id that is not one of its",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @GetMapping("/compare")
    SnapshotComparison compare(@RequestParam(name = "account_id", required = false) @Nullable String accountId,
            @RequestParam(name = "snapshot_id_1", required = false) @Nullable String snapshotId1,
            @RequestParam(name = "snapshot_id_2", required = false) @Nullable String snapshotId2) {
        CustomerScope scope = CustomerScope.current();
        long account = knownAccount(RequestValues.required("account_id", accountId), scope);
        long first = RequestValues.id("snapshot_id_1", RequestValues.required("snapshot_id_1", snapshotId1));
        long second = RequestValues.id("snapshot_id_2", RequestValues.required("snapshot_id_2", snapshotId2));
        Map<String, @Nullable Object> one = snapshotOf(account, first, scope);
        Map<String, @Nullable Object> two = snapshotOf(account, second, scope);
        return new SnapshotComparison(SnapshotEnvelopes.SUCCESS, account, one, two,
                snapshots.differingColumns(account, first, second));
    }

    @Operation(summary = "The account's snapshots of the last months, oldest first, a few columns each")
    @ApiResponse(responseCode = "200", description = "the series; total = how many entries it has")
    @ApiResponse(responseCode = "400", description = "account_id missing or malformed, months not in 1..1200",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @ApiResponse(responseCode = "404", description = "no such account",
            content = @Content(schema = @Schema(implementation = Refusal.class)))
    @GetMapping("/history")
    SnapshotSeries history(@RequestParam(name = "account_id", required = false) @Nullable String accountId,
            @Parameter(description = "snapshots taken in the last this many months, counted back from now "
                    + "(default 12)") @RequestParam(required = false) @Nullable String months) {
        CustomerScope scope = CustomerScope.current();
        long account = knownAccount(RequestValues.required("account_id", accountId), scope);
        int back = RequestValues.positive("months", months, 12, MAX_MONTHS);
        Instant since = Instant.now().atZone(ZoneOffset.UTC).minusMonths(back).toInstant();
        List<Map<String, @Nullable Object>> rows = snapshots.series(account, since, scope);
        return new SnapshotSeries(SnapshotEnvelopes.SUCCESS, account, back, rows, rows.size());
    }

    @ExceptionHandler
    ResponseEntity<Refusal> notFound(SnapshotNotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Refusal.notFound(ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Refusal> badRequest(BadRequestException ex) {
        return ResponseEntity.badRequest().body(Refusal.badRequest(ex));
    }

    private Map<String, @Nullable Object> snapshotOf(long account, long snapshotId, CustomerScope scope) {
        return snapshots.snapshot(account, snapshotId, scope).orElseThrow(() -> new SnapshotNotFoundException(
                "Account " + account + " has no snapshot with id " + snapshotId));
    }

    /** The account, when it exists (or once did) and is of a customer the principal may see: otherwise 404 alike. */
    private long knownAccount(String accountId, CustomerScope scope) {
        long id = RequestValues.id("account_id", accountId);
        if (!snapshots.isKnown(id, scope)) {
            throw new SnapshotNotFoundException("No account has id " + id);
        }
        return id;
    }
}
