package com.accountsnapshot.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.awaitility.Awaitility.await;

/** How an operator brings a run that ended badly to completion: recover it if it was left running, restart it. */
final class Recovery {

    private final SnapshotRuns runs;

    Recovery(SnapshotRuns runs) {
        this.runs = runs;
    }

    /**
     * Waits at most {@code bound} for the run's thread to end and returns the execution as the job repository
     * has it (which, after a crash, is what the dead thread last committed).
     */
    JobExecution awaitEnd(SnapshotRuns.Run run, Duration bound) throws Exception {
        try {
            run.ended().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            throw new AssertionError("run " + run.id() + " did not end within " + bound, ex);
        }
        // the run leaves this process's list of running runs just after its end is signalled
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> runs.runningHere().stream().noneMatch(running -> running.id() == run.id()));
        return runs.get(run.id());
    }

    /**
     * Recovers the execution when it is still marked running or ended UNKNOWN, restarts it and waits for the
     * restart's end.
     */
    JobExecution recoverAndRestart(long executionId) throws Exception {
        BatchStatus status = runs.get(executionId).getStatus();
        if (status.isRunning() || status == BatchStatus.UNKNOWN) {
            runs.recover(executionId);
        }
        return awaitEnd(runs.restart(executionId), Duration.ofMinutes(2));
    }
}
