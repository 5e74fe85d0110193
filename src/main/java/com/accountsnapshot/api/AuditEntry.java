package com.accountsnapshot.api;

import java.time.Instant;
import java.util.List;

import com.accountsnapshot.run.OperatorAudit;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** One row of operator_audit, as the API spells it. */
record AuditEntry(
        @JsonProperty("audit_id") long auditId,
        @JsonProperty("occurred_at") Instant occurredAt,
        String principal,
        String action,
        String target,
        String outcome,
        @JsonProperty("remote_address") @Nullable String remoteAddress) {

    /** A page of the audit log, newest first, with how many rows it has in all. */
    record Page(long total, int page, int size, List<AuditEntry> items) {

        static Page of(OperatorAudit.Page page) {
            return new Page(page.total(), page.page(), page.size(), page.items().stream()
                    .map(entry -> new AuditEntry(entry.auditId(), entry.occurredAt(), entry.principal(),
                            entry.action(), entry.target(), entry.outcome(), entry.remoteAddress()))
                    .toList());
        }
    }
}
