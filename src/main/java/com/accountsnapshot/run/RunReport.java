package com.accountsnapshot.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import com.accountsnapshot.job.AccountSnapshotJobConfiguration;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a run did, in the terms operators use: accounts read, snapshotted, filtered, skipped, the
 * snapshots that changed significantly and the issues recorded.
 *
 * @param written the step's write count: for a failed run Spring Batch 6.0 also counts the rolled-back
 *        chunk's writes (spring-batch#5509)
 * @param snapshotsStored the snapshots of this execution actually in {@code account_snapshots}
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
        Changes changes,
        long issues,
        @Nullable Duration duration,
        OutOfOrder outOfOrder) {

    /**
     * Accounts not snapshotted because they already had a snapshot later than the run's as-of.
     *
     * @param latest the latest of those later snapshots' timestamps (null when there are none)
     */
    public record OutOfOrder(long accounts, @Nullable Instant latest) {

        static final OutOfOrder NONE = new OutOfOrder(0, null);
    }

    /**
     * How the run's snapshots differ from the accounts' previous ones.
     *
     * @param withPrevious snapshots that have a previous snapshot to compare with
     */
    public record Changes(long withPrevious, long healthChanged, long revenueChanged, long statusChanged,
            long improving, long declining, long significant) {
    }

    /** Snapshots of the run that changed significantly. */
    public long significantChanges() {
        return changes.significant();
    }

    static RunReport of(JobExecution execution, long snapshotsStored, Changes changes, long issues,
            OutOfOrder outOfOrder) {
        long read = 0, written = 0, filtered = 0, skipped = 0, commits = 0, rollbacks = 0;
        for (StepExecution step : chunkSteps(execution)) {
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
                read, written, filtered, skipped, commits, rollbacks, snapshotsStored, changes, issues, duration,
                outOfOrder);
    }

    /**
     * The steps that process accounts: the single step, or the partitions of a partitioned run (whose manager
     * step, local or remote, only adds its partitions' counts up).
     */
    public static List<StepExecution> chunkSteps(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> AccountSnapshotJobConfiguration.STEP_NAME.equals(step.getStepName())
                        || step.getStepName().startsWith(AccountSnapshotJobConfiguration.WORKER_STEP_NAME))
                .toList();
    }

    /** A few lines for a terminal. */
    public String describe() {
        return """
                execution %d: %s (%s)
                  accounts read %d, snapshotted %d, filtered %d, skipped %d, issues recorded %d
                  changes since the previous snapshot (%d of %d have one): health %d, revenue %d, status %d; \
                trend improving %d, declining %d; significant changes %d
                  commits %d, rollbacks %d, duration %s""".formatted(executionId, status, exitCode, read, written,
                filtered, skipped, issues, changes.withPrevious(), written, changes.healthChanged(),
                changes.revenueChanged(), changes.statusChanged(), changes.improving(), changes.declining(),
                changes.significant(), commits, rollbacks,
                duration == null ? "-" : "%.1f s".formatted(duration.toMillis() / 1000.0))
                + (outOfOrder.accounts() == 0 ? "" : "\n  " + outOfOrderLine());
    }

    /** "N of M accounts already have a later snapshot (latest at T)": what held the run back, if anything. */
    public String outOfOrderLine() {
        return outOfOrder.accounts() + " of " + read + " accounts already have a later snapshot (latest at "
                + outOfOrder.latest() + ")";
    }
}
