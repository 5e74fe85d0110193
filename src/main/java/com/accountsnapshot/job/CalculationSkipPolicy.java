package com.accountsnapshot.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Skips an account whose calculation failed, up to a limit per run: the skips committed by the whole job
 * instance (every partition, wherever it runs, and every execution before a restart) plus those of the chunk
 * under way, counted at each failure. The committed skips are the skipped-account records the chunks committed
 * with their snapshots, read on a connection of their own (outside the chunk's transaction): the job
 * repository's step counts would also hold the skips of chunks that rolled back when a step failed. Partitions
 * running at the same time see each other's committed chunks only. Past the limit the run fails (restartable).
 * Read and write failures are never skipped: they fail the run.
 */
class CalculationSkipPolicy implements SkipPolicy {

    private static final String COMMITTED_SKIPS = """
            SELECT count(*) FROM snapshot_run_issues
            WHERE issue_type = 'skipped'
              AND job_execution_id IN (SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = ?)""";

    private final long skipLimit;

    private final DataSource dataSource;

    CalculationSkipPolicy(long skipLimit, DataSource dataSource) {
        this.skipLimit = skipLimit;
        this.dataSource = dataSource;
    }

    @Override
    public boolean shouldSkip(Throwable failure, long skipCount) throws SkipLimitExceededException {
        if (!(failure instanceof SnapshotCalculationException)) {
            return false;
        }
        if (skipsOfTheRun(skipCount) >= skipLimit) {
            throw new SkipLimitExceededException(skipLimit, failure);
        }
        return true;
    }

    /** {@code skipCount} is this step's: those it committed (in the records already) and its chunk's. */
    private long skipsOfTheRun(long skipCount) {
        StepContext context = StepSynchronizationManager.getContext();
        if (context == null) {
            return skipCount;
        }
        StepExecution step = context.getStepExecution();
        long inChunk = Math.max(0, skipCount - step.getSkipCount());
        return committedSkips(step.getJobExecution().getJobInstanceId()) + inChunk;
    }

    private long committedSkips(long jobInstanceId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COMMITTED_SKIPS)) {
            statement.setLong(1, jobInstanceId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
        catch (SQLException ex) {
            throw new DataAccessResourceFailureException("Could not count the run's skipped accounts", ex);
        }
    }
}
