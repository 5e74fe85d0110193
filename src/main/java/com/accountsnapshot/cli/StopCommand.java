package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code stop ID}: asks a running run, in any process, to stop after its current chunk. */
@Component
class StopCommand implements Command {

    private final SnapshotRuns runs;

    StopCommand(SnapshotRuns runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String help() {
        return """
                stop ID            ask a running run to stop after its current chunk (it ends STOPPED, restartable)
                  Usage: stop EXECUTION_ID
                  Exit codes: 0 stop requested, 2 unknown id or not running""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws Exception {
        Options.read(arguments, Set.of());
        JobExecution execution = runs.stop(ExecutionIds.required(arguments, name()));
        console.out().println("Execution " + execution.getId() + " is " + execution.getStatus()
                + ": it stops after its current chunk; restart it with: restart " + execution.getId());
        return COMPLETED;
    }
}
