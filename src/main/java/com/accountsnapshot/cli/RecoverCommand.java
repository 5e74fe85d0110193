package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code recover ID}: marks a run left STARTED by a dead process, or ended UNKNOWN by a lost database
 * connection, as FAILED, so it can be restarted.
 */
@Command(name = "recover",
        description = {"Mark a run left STARTED by a killed process, or ended UNKNOWN by a lost database "
                + "connection, as FAILED, so it can be restarted.",
                "Refused for a run whose process still renews its lease (it is alive somewhere); --force "
                        + "recovers it anyway, for a process you know is not running."},
        footer = "Exit codes: 0 recovered, 2 unknown id, alive, or neither left running nor UNKNOWN")
final class RecoverCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "ID", converter = Converters.ExecutionId.class, description = "The execution id.")
    long executionId;

    @Option(names = "--force", description = "Recover even though the run's lease is alive.")
    boolean force;

    @Autowired
    private SnapshotRuns runs;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        JobExecution execution = runs.recover(executionId, force);
        if (force) {
            console.out().println("Forced: execution " + execution.getId()
                    + " was recovered without checking that its process is gone");
        }
        console.out().println("Execution " + execution.getId() + " is " + execution.getStatus()
                + "; restart it with: restart " + execution.getId());
        return ExitCodes.COMPLETED;
    }
}
