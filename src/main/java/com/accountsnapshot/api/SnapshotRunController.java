package com.accountsnapshot.api;

import java.net.URI;
import java.util.List;

import com.accountsnapshot.api.internal.JdbcRunIssueQueries;
import com.accountsnapshot.api.internal.RunIssues;
import com.accountsnapshot.api.internal.JdbcRunQueries;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.RunReports;
import com.accountsnapshot.run.RunStatus;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.security.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Snapshot runs by job execution id: recent runs, one run with its issues, restart, stop and recover (docs/operations.md#runs-that-end-badly,
 * docs/operations.md#commands), of the principal's customers only: a run out of scope answers as one that does not exist.
 */
@RestController
@RequestMapping(SnapshotRunController.PATH)
class SnapshotRunController {

    static final String PATH = "/api/snapshot-runs";

    /** How many issues a run's page shows unless asked otherwise. */
    private static final String ISSUES_PAGE_SIZE = "100";

    private static final int ISSUES_SHOWN = Integer.parseInt(ISSUES_PAGE_SIZE);

    private final SnapshotRuns runs;

    private final RunReports reports;

    private final JdbcRunIssueQueries issues;

    private final JdbcRunQueries visibleRuns;

    private final OperatorAudit audit;

    SnapshotRunController(SnapshotRuns runs, RunReports reports, JdbcRunIssueQueries issues,
            JdbcRunQueries visibleRuns, OperatorAudit audit) {
        this.runs = runs;
        this.reports = reports;
        this.issues = issues;
        this.visibleRuns = visibleRuns;
        this.audit = audit;
    }

    @Operation(summary = "Recent runs, newest first, optionally only those with a status")
    @ApiResponse(responseCode = "200", description = "the runs")
    @ApiResponse(responseCode = "400", description = "an unknown status or a limit below 1")
    @GetMapping
    List<RunView> recent(@RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "20") int limit) {
        int capped = RequestValues.size("limit", limit);
        String wanted = status == null ? null : status(status).name();
        return visibleRuns.recent(capped, wanted, CustomerScope.current()).stream().map(runs::get).map(this::view)
                .toList();
    }

    @Operation(summary = "One run: status, counters, parameters and the first issues it recorded")
    @ApiResponse(responseCode = "200", description = "the run")
    @ApiResponse(responseCode = "400", description = "a malformed id")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @GetMapping("/{id}")
    RunDetail run(@PathVariable String id) {
        JobExecution execution = runs.get(visible(null, RequestValues.id("id", id)));
        return new RunDetail(view(execution), issues.page(execution.getId(), 0, ISSUES_SHOWN));
    }

    @Operation(summary = "The issues a run recorded (fields left null, accounts skipped), a page at a time")
    @ApiResponse(responseCode = "200", description = "a page of issues with their total")
    @ApiResponse(responseCode = "400", description = "a malformed id, page or size")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @GetMapping("/{id}/issues")
    RunIssues issues(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = ISSUES_PAGE_SIZE) int size) {
        long executionId = runs.get(visible(null, RequestValues.id("id", id))).getId();
        return issues.page(executionId, RequestValues.page(page), RequestValues.size("size", size));
    }

    @Operation(summary = "Restart a FAILED or STOPPED run after its last committed chunk, with its parameters")
    @ApiResponse(responseCode = "202", description = "restarted; the answer and Location name the new execution")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @ApiResponse(responseCode = "409", description = "the run is not FAILED or STOPPED, or an overlapping run is going")
    @PostMapping("/{id}/restart")
    ResponseEntity<RunAccepted> restart(@PathVariable String id) throws Exception {
        return accepted(runs.restart(visible("restart", RequestValues.id("id", id))));
    }

    @Operation(summary = "Ask a running run to stop after its current chunk; it ends STOPPED")
    @ApiResponse(responseCode = "202", description = "asked to stop")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @ApiResponse(responseCode = "409", description = "the run is not running")
    @PostMapping("/{id}/stop")
    ResponseEntity<RunAccepted> stop(@PathVariable String id) throws Exception {
        return accepted(runs.stop(visible("stop", RequestValues.id("id", id))));
    }

    @Operation(summary = "Mark a run left STARTED by a dead process, or ended UNKNOWN, as FAILED, so it can be restarted")
    @ApiResponse(responseCode = "202", description = "recovered: it is FAILED now")
    @ApiResponse(responseCode = "404", description = "no run has this id")
    @ApiResponse(responseCode = "409", description = "the run is not left STARTED or UNKNOWN, it runs in this process, "
            + "or it is alive: its lease is renewed (the answer names its owner and last heartbeat; force=true recovers "
            + "it anyway)")
    @PostMapping("/{id}/recover")
    ResponseEntity<RunAccepted> recover(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
        return accepted(runs.recover(visible("recover", RequestValues.id("id", id)), force));
    }

    /**
     * The execution id, when the run is one the principal may see; otherwise the same refusal as for a run that
     * does not exist (404), audited as refused when the request was an action.
     */
    private long visible(@Nullable String action, long executionId) {
        CustomerScope scope = CustomerScope.current();
        if (scope.unrestricted() || visibleRuns.isVisible(executionId, scope)) {
            return executionId;
        }
        String refusal = "No snapshot run has execution id " + executionId;
        if (action != null) {
            audit.refused(action, "execution " + executionId, refusal);
        }
        throw new RunRefusedException(RunRefusedException.Reason.UNKNOWN_EXECUTION, refusal, null);
    }

    /** 202 with the run's id and status, and its address as Location. */
    static ResponseEntity<RunAccepted> accepted(SnapshotRuns.Run run) {
        return accepted(run.execution());
    }

    private static ResponseEntity<RunAccepted> accepted(JobExecution execution) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(PATH + "/{id}")
                .buildAndExpand(execution.getId()).toUri();
        return ResponseEntity.accepted().location(location)
                .body(new RunAccepted(execution.getId(), execution.getStatus().name()));
    }

    private RunView view(JobExecution execution) {
        return RunView.of(execution, reports.of(execution));
    }

    private static BatchStatus status(String text) {
        return RunStatus.parse(text).orElseThrow(() -> new BadRequestException("status", "'" + text
                + "' is not one of " + RunStatus.known()));
    }
}
