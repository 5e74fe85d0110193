package com.accountsnapshot.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code run}: takes a snapshot of the accounts in scope and waits for the end (SPEC §3, §9). */
@Component
class RunCommand implements Command {

    /** Command-line option name to job parameter name. */
    static final Map<String, String> OPTIONS = Map.of(
            "as-of", SnapshotRequest.AS_OF,
            "type", SnapshotRequest.SNAPSHOT_TYPE,
            "customer-id", SnapshotRequest.CUSTOMER_ID,
            "account-id", SnapshotRequest.ACCOUNT_ID,
            "reason", SnapshotRequest.REASON,
            "trigger-event", SnapshotRequest.TRIGGER_EVENT,
            "force", SnapshotRequest.FORCE);

    private final SnapshotRuns runs;

    private final RunFollower follower;

    private final ScopeCounter scope;

    RunCommand(SnapshotRuns runs, RunFollower follower, ScopeCounter scope) {
        this.runs = runs;
        this.follower = follower;
        this.scope = scope;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String help() {
        return """
                run                take a snapshot of every account in scope and wait for the end
                  Usage: run [--as-of=INSTANT] [--type=TYPE] [--customer-id=ID] [--account-id=ID]
                             [--reason=TEXT] [--trigger-event=TEXT] [--force]
                  --as-of          ISO-8601 instant the snapshots describe (default: now, to the second)
                  --type           manual (default), scheduled, event_driven, post_upload, post_health_calc
                  --customer-id    only this customer's accounts
                  --account-id     only this account
                  --reason         free text, at most 255 characters, copied into every snapshot
                  --trigger-event  free text, at most 100 characters, copied into every snapshot
                  --force          ignore the cooldown of the snapshot type
                  SIGTERM or Ctrl-C: the run stops after its current chunk (STOPPED; restart ID finishes it)
                  Exit codes: 0 completed, 1 failed or stopped, 2 refused parameters, 3 a run in scope is going""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        Options.read(arguments, OPTIONS.keySet()).forEach((option, value) -> parameters.put(OPTIONS.get(option), value));
        SnapshotRequest request = runs.request(parameters);
        long total = scope.accountsIn(request);
        SnapshotRuns.Run run = runs.start(request);
        console.out().println("Execution " + run.id() + ": snapshotting " + request.scope() + " (" + total
                + (total == 1 ? " account" : " accounts") + ") as of " + request.asOf() + ", type "
                + request.type().code());
        return follower.follow(run, total, console);
    }
}
