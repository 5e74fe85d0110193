package com.accountsnapshot.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Shows a run's progress while the command waits for it: accounts done of the total in scope, rate and ETA.
 * On a terminal one line is rewritten every second; otherwise a line is printed every ten seconds.
 */
final class ProgressDisplay {

    private final Console console;

    private final boolean terminal;

    ProgressDisplay(Console console, boolean terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    /**
     * Waits for the run to end, showing progress read from {@code current} (the job repository: partitions
     * run by remote workers count too); the run's own thread does the work.
     */
    void follow(SnapshotRuns.Run run, long total, Supplier<JobExecution> current) throws InterruptedException {
        Instant started = Instant.now();
        Instant lastLine = started;
        while (true) {
            try {
                run.ended().get(1, TimeUnit.SECONDS);
                break;
            }
            catch (TimeoutException stillRunning) {
                Instant now = Instant.now();
                if (terminal) {
                    console.out().print("\r" + line(current.get(), total, started, now) + "   ");
                    console.out().flush();
                }
                else if (Duration.between(lastLine, now).toSeconds() >= 10) {
                    console.out().println(line(current.get(), total, started, now));
                    lastLine = now;
                }
            }
            catch (java.util.concurrent.ExecutionException ex) {
                break;
            }
        }
        if (terminal) {
            console.out().println();
        }
    }

    static String line(JobExecution execution, long total, Instant started, Instant now) {
        long done = 0;
        for (StepExecution step : RunReport.chunkSteps(execution)) {
            done += step.getReadCount();
        }
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        double rate = done / seconds;
        String eta = rate <= 0 || done >= total ? "-" : formatDuration((long) ((total - done) / rate));
        return "execution %d: %d of %d accounts (%.0f%%), %.0f accounts/s, ETA %s".formatted(execution.getId(), done,
                total, total == 0 ? 100.0 : 100.0 * done / total, rate, eta);
    }

    private static String formatDuration(long seconds) {
        return seconds >= 3600 ? "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60)
                : "%dm%02ds".formatted(seconds / 60, seconds % 60);
    }
}
