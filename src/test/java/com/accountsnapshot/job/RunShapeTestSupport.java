package com.accountsnapshot.job;

import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The restart-shape tests, one class per setting of {@code account-snapshot.job.partitioned} (each its own
 * context): a hundred accounts, the injected failure disarmed, and the runs that start and restart them.
 */
@Import(RestartTest.FailureInjection.class)
abstract class RunShapeTestSupport {

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job accountSnapshotJob;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RestartTest.FailAfterWritingAccount failure;

    RunShapeRestarts restarts;

    @BeforeEach
    void seed() {
        restarts = new RunShapeRestarts(runs, jobOperator, accountSnapshotJob, jdbc);
        restarts.seedHundredAccounts();
        failure.disarm();
    }
}
