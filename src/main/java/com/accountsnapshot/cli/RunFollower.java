package com.accountsnapshot.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.RunReports;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Follows a run of this process to its end for {@code run}, {@code restart} and the demo run: progress, then
 * its report and the exit code of its final status. SIGTERM or Ctrl-C while it goes stops the run after its
 * current chunk (STOPPED, restartable) and the command exits 1, as for any stopped run; a chunk that has not
 * ended within {@code account-snapshot.shutdown-timeout} (a lock, a database outage) halts the process with
 * exit code 1, leaving the run as a killed process would ({@code recover}, then {@code restart}).
 */
@Component
class RunFollower {

    private final SnapshotRuns runs;

    private final RunReports reports;

    private final Duration stopTimeout;

    RunFollower(SnapshotRuns runs, RunReports reports,
            @Value("${account-snapshot.shutdown-timeout:5m}") Duration stopTimeout) {
        this.runs = runs;
        this.reports = reports;
        this.stopTimeout = stopTimeout;
    }

    /** Waits for a run with progress, prints its report and returns the exit code of its final status. */
    int follow(SnapshotRuns.Run run, long total, Console console, CommandShutdown shutdown)
            throws InterruptedException {
        shutdown.onShutdown(() -> stop(run, console));
        new ProgressDisplay(console, System.console() != null).follow(run, total, () -> runs.get(run.id()));
        RunReport report = reports.of(runs.awaitEnd(run));
        console.out().println(report.describe());
        return report.status() == BatchStatus.COMPLETED ? ExitCodes.COMPLETED : ExitCodes.FAILED;
    }

    private void stop(SnapshotRuns.Run run, Console console) {
        console.out().println(CommandShutdown.SIGNAL + ": stopping execution " + run.id() + " after its current chunk");
        // the watchdog first: asking for the stop reads the database, which may be what does not answer
        Thread watchdog = new Thread(() -> {
            try {
                run.ended().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException ex) {
                console.err().println("Execution " + run.id() + " did not stop within " + stopTimeout
                        + ": exiting; recover it, then restart it");
                Runtime.getRuntime().halt(ExitCodes.FAILED);
            }
            catch (Exception ex) {
                // ended, one way or another: the command reports it
            }
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            runs.stop(run.id());
        }
        catch (Exception ex) {
            // ended meanwhile, or the database is unreachable: the watchdog ends the process if it does not end
        }
    }
}
