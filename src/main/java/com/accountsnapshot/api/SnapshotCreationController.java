package com.accountsnapshot.api;

import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.SnapshotRuns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Starts a snapshot run the way the prototype's endpoint created snapshots (SPEC §9). */
@RestController
class SnapshotCreationController {

    private final SnapshotRuns runs;

    SnapshotCreationController(SnapshotRuns runs) {
        this.runs = runs;
    }

    @Operation(summary = "Start a snapshot run of the portfolio, a customer or an account; it goes on asynchronously")
    @ApiResponse(responseCode = "202", description = "started; Location is the run")
    @ApiResponse(responseCode = "400", description = "a bad field, named in the answer")
    @ApiResponse(responseCode = "409",
            description = "a run with an overlapping scope is going, or a run with these parameters already completed")
    @PostMapping("/api/account-snapshots/create")
    ResponseEntity<RunAccepted> create(@RequestBody CreateSnapshotsRequest body) throws Exception {
        SnapshotRequest request = runs.request(body.toParameters());
        return SnapshotRunController.accepted(runs.start(request));
    }
}
