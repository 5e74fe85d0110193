package com.accountsnapshot.api;

import com.accountsnapshot.run.SnapshotQuarantine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Repairs of the snapshot history (ADMIN of every customer); dry runs unless {@code apply=true}. */
@RestController
@RequestMapping("/api/maintenance")
class MaintenanceController {

    private final SnapshotQuarantine quarantine;

    MaintenanceController(SnapshotQuarantine quarantine) {
        this.quarantine = quarantine;
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
}
