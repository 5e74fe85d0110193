package com.accountsnapshot.job;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Skips an account whose calculation failed, up to a limit per run: the skips of this step execution so far
 * plus those committed by every other chunk step execution of the job instance (the other partitions, wherever
 * they run, and the executions before a restart), read from the job repository at each failure. Past the limit
 * the run fails (restartable). Read and write failures are never skipped: they fail the run.
 */
class CalculationSkipPolicy implements SkipPolicy {

    /** Skips committed by the job instance's chunk steps other than this one (manager steps only add theirs up). */
    private static final String OTHER_STEPS_SKIPS = """
            SELECT COALESCE(sum(s.read_skip_count + s.process_skip_count + s.write_skip_count), 0)
            FROM batch_step_execution s
            JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
            WHERE e.job_instance_id = ? AND s.step_execution_id <> ? AND s.step_name IN (?, ?)""";

    private final long skipLimit;

    private final JdbcTemplate jdbc;

    CalculationSkipPolicy(long skipLimit, JdbcTemplate jdbc) {
        this.skipLimit = skipLimit;
        this.jdbc = jdbc;
    }

    @Override
    public boolean shouldSkip(Throwable failure, long skipCount) throws SkipLimitExceededException {
        if (!(failure instanceof SnapshotCalculationException)) {
            return false;
        }
        if (skipCount + otherStepsSkips() >= skipLimit) {
            throw new SkipLimitExceededException(skipLimit, failure);
        }
        return true;
    }

    private long otherStepsSkips() {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            return 0;
        }
        StepExecution step = context.getStepExecution();
        Long skips = jdbc.queryForObject(OTHER_STEPS_SKIPS, Long.class, step.getJobExecution().getJobInstanceId(),
                step.getId(), AccountSnapshotJobConfiguration.STEP_NAME,
                AccountSnapshotJobConfiguration.WORKER_STEP_NAME);
        return skips == null ? 0 : skips;
    }
}
