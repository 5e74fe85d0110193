package com.accountsnapshot.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.quartz.SchedulerException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Schedule tests start instances of the product ({@link ScheduleInstance}) over the test database, each
 * test from empty tables and a portfolio of three accounts, and look at the results through a context of
 * their own whose scheduler is never started.
 */
@SpringBootTest
abstract class ScheduleTestSupport {

    /** A valid cron whose next fire is decades away: keeps the configured trigger quiet in a started scheduler. */
    static final String QUIET_CRON = "--account-snapshot.schedule.cron=0 0 0 1 1 ? 2099";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SnapshotRuns runs;

    private final List<ScheduleInstance> instances = new ArrayList<>();

    @BeforeEach
    void cleanTablesAndSeedThreeAccounts() {
        new TestPortfolio(jdbc).clean().cleanJobRepository()
                .account(1, 100, "Acme", "1000.00", "active", null)
                .account(2, 100, "Globex", null, "at_risk", null)
                .account(3, 200, "Initech", "5.00", "active", null);
        ScheduleInstance.cleanJobStore(jdbc);
    }

    /** Closes the instances in the order they were started (see {@link ScheduleInstance}). */
    @AfterEach
    void closeInstances() {
        instances.forEach(ScheduleInstance::close);
        instances.clear();
    }

    ScheduleInstance start(String instanceId, String... arguments) throws SchedulerException {
        ScheduleInstance instance = ScheduleInstance.start(instanceId, arguments);
        instances.add(instance);
        return instance;
    }

    /** Every snapshot run in the job repository, oldest first. */
    List<JobExecution> executions() {
        return runs.recent(100, null).stream().sorted(Comparator.comparingLong(JobExecution::getId)).toList();
    }

    /** (account_id, snapshot_type, trigger_event, snapshot_timestamp, job_execution_id) of every snapshot. */
    List<SnapshotRow> snapshots() {
        return jdbc.query("""
                SELECT account_id, snapshot_type, trigger_event, snapshot_timestamp, job_execution_id
                FROM account_snapshots ORDER BY account_id, snapshot_id""", (rs, n) -> new SnapshotRow(
                rs.getLong("account_id"), rs.getString("snapshot_type"), rs.getString("trigger_event"),
                rs.getTimestamp("snapshot_timestamp").toInstant(), rs.getLong("job_execution_id")));
    }

    record SnapshotRow(long accountId, String type, String triggerEvent, Instant timestamp, long executionId) {
    }
}
