package com.accountsnapshot.console;

import com.accountsnapshot.console.internal.JdbcConsoleRuns;
import com.accountsnapshot.job.PositiveId;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The runs a console user may see and act on: those of their customers. Any other id, malformed or out of
 * scope, is answered exactly as one that does not exist; an action on it is audited as refused, as the API does.
 */
@Component
class RunAccess {

    private final JdbcConsoleRuns runs;

    private final OperatorAudit audit;

    RunAccess(JdbcConsoleRuns runs, OperatorAudit audit) {
        this.runs = runs;
        this.audit = audit;
    }

    /** @throws RunRefusedException (unknown execution) when the principal may not see the run */
    long visible(@Nullable String action, String id) {
        long executionId = PositiveId.parse(id.trim()).orElseThrow(() -> notFound(id));
        CustomerScope scope = CustomerScope.current();
        if (runs.isVisible(executionId, scope)) {
            return executionId;
        }
        if (action != null) {
            audit.refused(action, "execution " + executionId, "No snapshot run has execution id " + executionId);
        }
        throw notFound(id);
    }

    private static RunRefusedException notFound(String id) {
        return new RunRefusedException(RunRefusedException.Reason.UNKNOWN_EXECUTION,
                "No snapshot run has execution id " + id, null);
    }
}
