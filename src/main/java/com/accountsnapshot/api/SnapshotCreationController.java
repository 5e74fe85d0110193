package com.accountsnapshot.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.accountsnapshot.api.internal.JdbcAccountSnapshotQueries;
import com.accountsnapshot.job.SnapshotJobProperties;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.security.CustomerScope;
import com.accountsnapshot.run.SnapshotRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a snapshot run the way the prototype's endpoint created snapshots (docs/operations.md#http-api): 202 at
 * once, or, for one account with {@code Prefer: wait=N} or {@code "wait": true}, the snapshot once the run has
 * ended (the 202 still, when it takes longer).
 */
@RestController
class SnapshotCreationController {

    private final SnapshotRuns runs;

    private final JdbcAccountSnapshotQueries accounts;

    private final OperatorAudit audit;

    private final ApiProperties properties;

    private final SnapshotJobProperties job;

    SnapshotCreationController(SnapshotRuns runs, JdbcAccountSnapshotQueries accounts, OperatorAudit audit,
            ApiProperties properties, SnapshotJobProperties job) {
        this.runs = runs;
        this.accounts = accounts;
        this.audit = audit;
        this.properties = properties;
        this.job = job;
    }

    @Operation(summary = "Start a snapshot run of the portfolio, a customer or an account; it goes on asynchronously, "
            + "or, for one account with Prefer: wait=N or \"wait\": true, is waited for")
    @ApiResponse(responseCode = "201", description = "waited for: the run wrote the account's snapshot",
            content = @Content(schema = @Schema(implementation = CreateOutcome.Created.class)))
    @ApiResponse(responseCode = "200", description = "waited for: the run took no snapshot of the account (its "
            + "cooldown held it back, or it has a later snapshot)",
            content = @Content(schema = @Schema(implementation = CreateOutcome.Skipped.class)))
    @ApiResponse(responseCode = "202", description = "started (and, when asked to wait, still going at the end of the "
            + "wait); Location is the run", content = @Content(schema = @Schema(implementation = RunAccepted.class)))
    @ApiResponse(responseCode = "500", description = "waited for: the run ended FAILED or STOPPED",
            content = @Content(schema = @Schema(implementation = CreateOutcome.NotCompleted.class)))
    @ApiResponse(responseCode = "400", description = "a bad field, named in the answer")
    @ApiResponse(responseCode = "403", description = "the scope is not inside the principal's customers")
    @ApiResponse(responseCode = "409",
            description = "a run with an overlapping scope is going, or a run with these parameters already completed")
    @PostMapping("/api/account-snapshots/create")
    ResponseEntity<?> create(@RequestBody CreateSnapshotsRequest body,
            @Parameter(description = "wait=N (RFC 7240): wait up to N seconds (at most account-snapshot.api.max-wait) "
                    + "for a single-account run") @RequestHeader(name = WaitPreference.PREFER, required = false)
            @Nullable List<String> prefer) throws Exception {
        insideCustomers(body, CustomerScope.current());
        SnapshotRequest request = runs.request(body.toParameters());
        Optional<Duration> preferred = WaitPreference.of(prefer);
        Optional<Duration> wait = waitFor(request, preferred.isPresent() ? preferred
                : Boolean.TRUE.equals(body.waitForRun()) ? Optional.of(properties.defaultWait()) : Optional.empty());
        SnapshotRuns.Run run = runs.start(request);
        if (wait.isEmpty()) {
            return SnapshotRunController.accepted(run);
        }
        HttpHeaders applied = new HttpHeaders();
        if (preferred.isPresent()) {
            applied.set(WaitPreference.PREFERENCE_APPLIED, WaitPreference.applied(wait.get()));
        }
        if (!ended(run, wait.get())) {
            ResponseEntity<RunAccepted> accepted = SnapshotRunController.accepted(run);
            return ResponseEntity.status(accepted.getStatusCode()).headers(accepted.getHeaders()).headers(applied)
                    .body(accepted.getBody());
        }
        CreateOutcome outcome = outcome(runs.get(run.id()), request);
        return ResponseEntity.status(outcome.httpStatus()).headers(applied).body(outcome);
    }

    /** How long to wait for a run: only one of a single account, and never past the configured maximum. */
    private Optional<Duration> waitFor(SnapshotRequest request, Optional<Duration> asked) {
        if (request.accountId() == null) {
            return Optional.empty();
        }
        return asked.map(wait -> wait.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : wait);
    }

    /** Whether the run ended within the wait (a run whose thread failed has ended too). */
    private static boolean ended(SnapshotRuns.Run run, Duration wait) throws InterruptedException {
        try {
            run.ended().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            return false;
        }
        catch (ExecutionException ex) {
            // the job repository holds how it ended
        }
        return true;
    }

    /** What an ended single-account run did: its snapshot, why it took none, or how it failed. */
    private CreateOutcome outcome(JobExecution execution, SnapshotRequest request) {
        long accountId = request.accountId();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            return new CreateOutcome.NotCompleted("error", "Execution " + execution.getId() + " ended "
                    + execution.getStatus() + " (" + execution.getExitStatus().getExitCode() + "); restart it with "
                    + "POST /api/snapshot-runs/" + execution.getId() + "/restart", execution.getId(),
                    execution.getStatus().name());
        }
        Optional<Map<String, @Nullable Object>> written = accounts.writtenBy(execution.getId(), accountId);
        if (written.isPresent()) {
            return new CreateOutcome.Created(SnapshotEnvelopes.SUCCESS, "Created 1 snapshot(s)",
                    List.of(written.get()), execution.getId());
        }
        String why = accounts.skippedBecause(execution.getId(), accountId)
                .map(problem -> "Account " + accountId + ": " + problem)
                .orElseGet(() -> "Account " + accountId + " was not snapshotted: its latest snapshot ("
                        + accounts.latestTimestamp(accountId).map(Object::toString).orElse("unknown")
                        + ") is within the " + request.type().code() + " cooldown of "
                        + shortly(job.cooldown().of(request.type())) + "; force_create: true takes one anyway");
        return new CreateOutcome.Skipped("skipped", why, true, accountId, execution.getId());
    }

    /** 24h, 30m, 45s. */
    private static String shortly(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
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
