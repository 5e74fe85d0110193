package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code restart ID}: resumes a FAILED or STOPPED run after its last committed chunk and waits for the end. */
@Component
class RestartCommand implements Command {

    private final SnapshotRuns runs;

    private final RunFollower follower;

    private final ScopeCounter scope;

    RestartCommand(SnapshotRuns runs, RunFollower follower, ScopeCounter scope) {
        this.runs = runs;
        this.follower = follower;
        this.scope = scope;
    }

    @Override
    public String name() {
        return "restart";
    }

    @Override
    public String help() {
        return """
                restart ID         resume a FAILED or STOPPED run after its last committed chunk, same parameters
                  Usage: restart EXECUTION_ID
                  Exit codes: 0 completed, 1 failed or stopped again, 2 unknown id or not restartable,
                              3 a run in scope is going""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws Exception {
        Options.read(arguments, Set.of());
        long id = ExecutionIds.required(arguments, name());
        SnapshotRuns.Run run = runs.restart(id);
        long total = scope.accountsIn(SnapshotRequest.from(run.execution().getJobParameters()));
        console.out().println("Execution " + run.id() + " restarts execution " + id);
        return follower.follow(run, total, console);
    }
}
