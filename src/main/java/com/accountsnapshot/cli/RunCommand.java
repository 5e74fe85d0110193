package com.accountsnapshot.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.accountsnapshot.job.SnapshotMonths;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: takes a snapshot of the accounts in scope and waits for the end (docs/operations.md#run-parameters). The values other than
 * {@code --as-of} are checked by the run parameters' rules, as they are when a run is asked for over HTTP.
 */
@Command(name = "run", description = "Take a snapshot of every account in scope and wait for the end.",
        footer = {"SIGTERM or Ctrl-C: the run stops after its current chunk (STOPPED; restart ID finishes it).",
                ExitCodes.RUN_FOOTER})
final class RunCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--as-of", paramLabel = "INSTANT", converter = Converters.AsOf.class,
            description = "ISO-8601 instant the snapshots describe (default: now, to the second).")
    @Nullable Instant asOf;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "manual (default), scheduled, event_driven, post_upload, post_health_calc.")
    @Nullable String type;

    @Option(names = "--customer-id", paramLabel = "ID", description = "Only this customer's accounts.")
    @Nullable String customerId;

    @Option(names = "--account-id", paramLabel = "ID", description = "Only this account.")
    @Nullable String accountId;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Free text, at most 255 characters, copied into every snapshot.")
    @Nullable String reason;

    @Option(names = "--trigger-event", paramLabel = "TEXT",
            description = "Free text, at most 100 characters, copied into every snapshot.")
    @Nullable String triggerEvent;

    @Option(names = "--force", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Ignore the cooldown of the snapshot type.")
    @Nullable String force;

    @Autowired
    private SnapshotMonths snapshotMonths;

    @Autowired
    private SnapshotRuns runs;

    @Autowired
    private RunFollower follower;

    @Autowired
    private ScopeCounter scope;

    @Autowired
    private CommandShutdown shutdown;

    private final Console console = Console.system();

    @Override
    public Integer call() throws Exception {
        snapshotMonths.premake();
        SnapshotRequest request = runs.request(parameters());
        long total = scope.accountsIn(request);
        SnapshotRuns.Run run = runs.start(request);
        console.out().println("Execution " + run.id() + ": snapshotting " + request.scope() + " (" + total
                + (total == 1 ? " account" : " accounts") + ") as of " + request.asOf() + ", type "
                + request.type().code());
        return follower.follow(run, total, console, shutdown);
    }

    /** The options given, by job parameter name. */
    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, SnapshotRequest.AS_OF, asOf == null ? null : asOf.toString());
        put(parameters, SnapshotRequest.SNAPSHOT_TYPE, type);
        put(parameters, SnapshotRequest.CUSTOMER_ID, customerId);
        put(parameters, SnapshotRequest.ACCOUNT_ID, accountId);
        put(parameters, SnapshotRequest.REASON, reason);
        put(parameters, SnapshotRequest.TRIGGER_EVENT, triggerEvent);
        put(parameters, SnapshotRequest.FORCE, force);
        return parameters;
    }

    private static void put(Map<String, String> parameters, String name, @Nullable String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }
}
