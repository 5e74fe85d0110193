package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.run.OperatorAudit;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code audit}: the latest operators' actions from operator_audit, newest first. */
@Component
class AuditCommand implements Command {

    private final OperatorAudit audit;

    AuditCommand(OperatorAudit audit) {
        this.audit = audit;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String help() {
        return """
                audit              the latest operators' actions (start, restart, stop, recover, maintenance)
                  Usage: audit [--limit=50]""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        String limit = Options.read(arguments, Set.of("limit")).getOrDefault("limit", "50");
        if (!limit.matches("[1-9][0-9]{0,3}")) {
            throw new IllegalArgumentException("--limit: '" + limit + "' is not a whole number from 1 to 9999");
        }
        OperatorAudit.Page page = audit.page(0, Integer.parseInt(limit));
        console.out().println(page.items().size() + " of " + page.total() + " audited actions, newest first:");
        for (OperatorAudit.Entry entry : page.items()) {
            console.out().println(entry.occurredAt() + "  " + entry.principal() + "  " + entry.action() + "  "
                    + entry.target() + "  " + entry.outcome()
                    + (entry.remoteAddress() == null ? "" : "  from " + entry.remoteAddress()));
        }
        return COMPLETED;
    }
}
