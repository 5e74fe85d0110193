package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.OperatorAudit;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code audit}: the latest operators' actions from operator_audit, newest first. */
@Command(name = "audit", description = "List the latest operators' actions (start, restart, stop, recover, "
        + "maintenance), newest first, with principal, target and outcome.")
final class AuditCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", converter = Converters.Limit.class,
            description = "How many actions, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Autowired
    private OperatorAudit audit;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        OperatorAudit.Page page = audit.page(0, limit);
        console.out().println(page.items().size() + " of " + page.total() + " audited actions, newest first:");
        for (OperatorAudit.Entry entry : page.items()) {
            console.out().println(entry.occurredAt() + "  " + entry.principal() + "  " + entry.action() + "  "
                    + entry.target() + "  " + entry.outcome()
                    + (entry.remoteAddress() == null ? "" : "  from " + entry.remoteAddress()));
        }
        return ExitCodes.COMPLETED;
    }
}
