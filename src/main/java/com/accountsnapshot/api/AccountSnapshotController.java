package com.accountsnapshot.api;

import java.util.Map;

import com.accountsnapshot.api.internal.JdbcAccountSnapshotQueries;
import com.accountsnapshot.security.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An account's snapshot history and its latest snapshot, of the principal's customers only (docs/snapshot-fields.md and docs/operations.md#commands). */
@RestController
@RequestMapping("/api/accounts/{accountId}/snapshots")
class AccountSnapshotController {

    private final JdbcAccountSnapshotQueries snapshots;

    AccountSnapshotController(JdbcAccountSnapshotQueries snapshots) {
        this.snapshots = snapshots;
    }

    @Operation(summary = "The account's snapshots, newest first (by snapshot_sequence_number), a page at a time")
    @ApiResponse(responseCode = "200", description = "a page of snapshots, empty when the account has none")
    @ApiResponse(responseCode = "400", description = "a malformed account id, page or size")
    @ApiResponse(responseCode = "404", description = "no such account and no snapshots of it")
    @GetMapping
    SnapshotHistory history(@PathVariable String accountId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        CustomerScope scope = CustomerScope.current();
        long id = knownAccount(accountId, scope);
        int pageSize = RequestValues.size("size", size);
        long offset = (long) RequestValues.page(page) * pageSize;
        return new SnapshotHistory(id, snapshots.count(id, scope), page, pageSize,
                snapshots.history(id, offset, pageSize, scope));
    }

    @Operation(summary = "The account's latest snapshot (greatest snapshot_sequence_number)")
    @ApiResponse(responseCode = "200", description = "the snapshot, every account_snapshots column")
    @ApiResponse(responseCode = "400", description = "a malformed account id")
    @ApiResponse(responseCode = "404", description = "no such account, or it has no snapshot yet")
    @GetMapping("/latest")
    Map<String, @Nullable Object> latest(@PathVariable String accountId) {
        CustomerScope scope = CustomerScope.current();
        long id = knownAccount(accountId, scope);
        return snapshots.latest(id, scope).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "Account " + id + " has no snapshot yet"));
    }

    /** The account, when it exists and is of a customer the principal may see: otherwise 404 alike. */
    private long knownAccount(String accountId, CustomerScope scope) {
        long id = RequestValues.id("account_id", accountId);
        if (!snapshots.isKnown(id, scope)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No account has id " + id);
        }
        return id;
    }
}
