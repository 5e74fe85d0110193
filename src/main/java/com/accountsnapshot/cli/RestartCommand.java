package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code restart ID}: resumes a FAILED or STOPPED run after its last committed chunk and waits for the end. */
@Command(name = "restart",
        description = "Resume a FAILED or STOPPED run after its last committed chunk, same parameters.",
        footer = "Exit codes: 0 completed, 1 failed or stopped again, 2 unknown id or not restartable, "
                + "3 a run in scope is going")
final class RestartCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "ID", converter = Converters.ExecutionId.class, description = "The execution id.")
    long executionId;

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
        SnapshotRuns.Run run = runs.restart(executionId);
        long total = scope.accountsIn(SnapshotRequest.from(run.execution().getJobParameters()));
        console.out().println("Execution " + run.id() + " restarts execution " + executionId);
        return follower.follow(run, total, console, shutdown);
    }
}
