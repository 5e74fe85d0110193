package com.accountsnapshot.api;

import com.accountsnapshot.api.internal.JdbcAccountSnapshotQueries;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.security.CustomerScope;
import com.accountsnapshot.run.SnapshotRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Starts a snapshot run the way the prototype's endpoint created snapshots (docs/operations.md#commands). */
@RestController
class SnapshotCreationController {

    private final SnapshotRuns runs;

    private final JdbcAccountSnapshotQueries accounts;

    private final OperatorAudit audit;

    SnapshotCreationController(SnapshotRuns runs, JdbcAccountSnapshotQueries accounts, OperatorAudit audit) {
        this.runs = runs;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Operation(summary = "Start a snapshot run of the portfolio, a customer or an account; it goes on asynchronously")
    @ApiResponse(responseCode = "202", description = "started; Location is the run")
    @ApiResponse(responseCode = "400", description = "a bad field, named in the answer")
    @ApiResponse(responseCode = "403", description = "the scope is not inside the principal's customers")
    @ApiResponse(responseCode = "409",
            description = "a run with an overlapping scope is going, or a run with these parameters already completed")
    @PostMapping("/api/account-snapshots/create")
    ResponseEntity<RunAccepted> create(@RequestBody CreateSnapshotsRequest body) throws Exception {
        insideCustomers(body, CustomerScope.current());
        SnapshotRequest request = runs.request(body.toParameters());
        return SnapshotRunController.accepted(runs.start(request));
    }

    /**
     * A principal limited to customers launches only runs of one of them, or of one of their accounts: a
     * full-portfolio run, another customer, or an account that is not theirs (existing or not, so that the
     * answer tells nothing of other customers) is refused, and audited as refused.
     */
    private void insideCustomers(CreateSnapshotsRequest body, CustomerScope scope) {
        if (scope.unrestricted()) {
            return;
        }
        String refusal = null;
        if (body.accountId() == null && body.customerId() == null) {
            refusal = "a full-portfolio run needs a principal of every customer";
        }
        else if (body.customerId() != null && !scope.includes(body.customerId())) {
            refusal = "customer " + body.customerId() + " is not one of the principal's customers";
        }
        else if (body.accountId() != null && accounts.customerOf(body.accountId(), scope).isEmpty()) {
            refusal = "account " + body.accountId() + " is not an account of the principal's customers";
        }
        if (refusal != null) {
            String target = body.accountId() != null ? "account " + body.accountId()
                    : body.customerId() != null ? "customer " + body.customerId() : "portfolio";
            audit.refused("start", target, refusal);
            throw new ForbiddenException(refusal);
        }
    }
}
