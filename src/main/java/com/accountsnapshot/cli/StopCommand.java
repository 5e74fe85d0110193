package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stop ID}: asks a running run, in any process, to stop after its current chunk. */
@Command(name = "stop",
        description = "Ask a running run to stop after its current chunk (it ends STOPPED, restartable).",
        footer = "Exit codes: 0 stop requested, 2 unknown id or not running")
final class StopCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "ID", converter = Converters.ExecutionId.class, description = "The execution id.")
    long executionId;

    @Autowired
    private SnapshotRuns runs;

    private final Console console = Console.system();

    @Override
    public Integer call() throws Exception {
        JobExecution execution = runs.stop(executionId);
        console.out().println("Execution " + execution.getId() + " is " + execution.getStatus()
                + ": it stops after its current chunk; restart it with: restart " + execution.getId());
        return ExitCodes.COMPLETED;
    }
}
