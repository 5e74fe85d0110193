package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code recover ID}: marks a run left STARTED by a dead process, or ended UNKNOWN by a lost database
 * connection, as FAILED, so it can be restarted.
 */
@Component
class RecoverCommand implements Command {

    private final SnapshotRuns runs;

    RecoverCommand(SnapshotRuns runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "recover";
    }

    @Override
    public String help() {
        return """
                recover ID         mark a run left STARTED by a killed process, or ended UNKNOWN by a lost
                                   database connection, as FAILED, so it can be restarted
                  Usage: recover EXECUTION_ID [--force]
                  Refused for a run whose process still renews its lease (it is alive somewhere);
                  --force recovers it anyway, for a process you know is not running.
                  Exit codes: 0 recovered, 2 unknown id, alive, or neither left running nor UNKNOWN""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        boolean force = Boolean.parseBoolean(Options.read(arguments, Set.of("force")).getOrDefault("force", "false"));
        JobExecution execution = runs.recover(ExecutionIds.required(arguments, name()), force);
        if (force) {
            console.out().println("Forced: execution " + execution.getId()
                    + " was recovered without checking that its process is gone");
        }
        console.out().println("Execution " + execution.getId() + " is " + execution.getStatus()
                + "; restart it with: restart " + execution.getId());
        return COMPLETED;
    }
}
