package com.accountsnapshot.operations;

import java.time.Duration;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a run did, in the terms operators use: accounts read, snapshotted, filtered, skipped, the
 * snapshots that changed significantly and the issues recorded.
 *
 * <p>{@code written} is the step's write count; {@code snapshotsStored} counts the rows the run's committed
 * chunks left in account_snapshots. They differ for a failed run: Spring Batch 6.0 counts the writes of the
 * chunk it rolled back too (spring-batch#5509).
 */
public record RunReport(
        long executionId,
        BatchStatus status,
        String exitCode,
        long read,
        long written,
        long filtered,
        long skipped,
        long commits,
        long rollbacks,
        long snapshotsStored,
        long significantChanges,
        long issues,
        @Nullable Duration duration) {

    static RunReport of(JobExecution execution, long snapshotsStored, long significantChanges, long issues) {
        long read = 0, written = 0, filtered = 0, skipped = 0, commits = 0, rollbacks = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            read += step.getReadCount();
            written += step.getWriteCount();
            filtered += step.getFilterCount();
            skipped += step.getSkipCount();
            commits += step.getCommitCount();
            rollbacks += step.getRollbackCount();
        }
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = execution.getEndTime();
        Duration duration = start == null || end == null ? null : Duration.between(start, end);
        return new RunReport(execution.getId(), execution.getStatus(), execution.getExitStatus().getExitCode(),
                read, written, filtered, skipped, commits, rollbacks, snapshotsStored, significantChanges, issues,
                duration);
    }

    /** A few lines for a terminal. */
    public String describe() {
        return """
                execution %d: %s (%s)
                  accounts read %d, snapshotted %d, filtered %d, skipped %d
                  significant changes %d, issues recorded %d
                  commits %d, rollbacks %d, duration %s""".formatted(executionId, status, exitCode, read, written,
                filtered, skipped, significantChanges, issues, commits, rollbacks,
                duration == null ? "-" : "%.1f s".formatted(duration.toMillis() / 1000.0));
    }
}
