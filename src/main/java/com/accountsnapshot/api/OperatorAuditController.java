package com.accountsnapshot.api;

import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.security.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log of operators' actions, newest first (ADMIN of every customer). */
@RestController
class OperatorAuditController {

    private final OperatorAudit audit;

    OperatorAuditController(OperatorAudit audit) {
        this.audit = audit;
    }

    @Operation(summary = "Operators' actions (start, restart, stop, recover, maintenance), newest first, a page at a time")
    @ApiResponse(responseCode = "200", description = "a page of the audit log with its total")
    @ApiResponse(responseCode = "400", description = "a malformed page or size")
    @ApiResponse(responseCode = "403", description = "not an ADMIN of every customer")
    @GetMapping("/api/audit")
    AuditEntry.Page audit(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        everyCustomer();
        return AuditEntry.Page.of(audit.page(RequestValues.page(page), RequestValues.size("size", size)));
    }

    /** The audit log and maintenance span every customer: a principal limited to some may not use them. */
    static void everyCustomer() {
        if (!CustomerScope.current().unrestricted()) {
            throw new ForbiddenException("Forbidden: this needs a principal of every customer");
        }
    }
}
