package com.accountsnapshot.api;

import com.accountsnapshot.run.SnapshotQuarantine;
import com.accountsnapshot.run.SnapshotRetention;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Repairs and retention of the snapshot history (ADMIN of every customer); dry runs unless applied. */
@RestController
@RequestMapping("/api/maintenance")
class MaintenanceController {

    private final SnapshotQuarantine quarantine;

    private final SnapshotRetention retention;

    MaintenanceController(SnapshotQuarantine quarantine, SnapshotRetention retention) {
        this.quarantine = quarantine;
        this.retention = retention;
    }

    @Operation(summary = "Move snapshots later than now into account_snapshots_quarantine (dry run unless apply=true)")
    @ApiResponse(responseCode = "200", description = "what was, or would be, moved")
    @ApiResponse(responseCode = "403", description = "not an ADMIN of every customer")
    @PostMapping("/quarantine-future-snapshots")
    MaintenanceOutcome quarantineFutureSnapshots(@RequestParam(defaultValue = "false") boolean apply) {
        OperatorAuditController.everyCustomer();
        return MaintenanceOutcome.of(quarantine.quarantineFutureSnapshots(apply));
    }

    @Operation(summary = "Move every quarantined snapshot back into account_snapshots (dry run unless apply=true)")
    @ApiResponse(responseCode = "200", description = "what was, or would be, moved")
    @ApiResponse(responseCode = "403", description = "not an ADMIN of every customer")
    @ApiResponse(responseCode = "409", description = "a quarantined snapshot clashes with one taken since; nothing moved")
    @PostMapping("/restore-quarantined-snapshots")
    MaintenanceOutcome restoreQuarantinedSnapshots(@RequestParam(defaultValue = "false") boolean apply) {
        OperatorAuditController.everyCustomer();
        return MaintenanceOutcome.of(quarantine.restoreQuarantinedSnapshots(apply));
    }

    @Operation(summary = "Tiered retention: per partition, its rows and the rows kept (dry run unless {\"apply\": true})")
    @ApiResponse(responseCode = "200", description = "what was, or would be, removed, per partition")
    @ApiResponse(responseCode = "403", description = "not an ADMIN of every customer")
    @PostMapping("/retention")
    RetentionOutcome retention(@RequestBody(required = false) @Nullable RetentionRequest request) {
        OperatorAuditController.everyCustomer();
        boolean apply = request != null && request.applied();
        return RetentionOutcome.of(apply ? retention.apply() : retention.plan());
    }
}
