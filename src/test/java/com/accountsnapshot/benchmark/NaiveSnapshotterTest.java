package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.KpiReferenceRanges;
import com.accountsnapshot.snapshot.SnapshotRun;
import com.accountsnapshot.snapshot.SnapshotType;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The naive contender differs from the job in its data access only: account by account it writes the
 * snapshots the job writes, in 11 statements per account (the account, nine related tables, the INSERT)
 * plus one for the warnings of an account that has some.
 */
@SpringBootTest(properties = BenchmarkTestProperties.SMALL_POOL)
class NaiveSnapshotterTest {

    static final Instant AS_OF = Instant.parse("2026-11-15T00:00:00Z");

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DemoPortfolioGenerator generator;

    @Test
    void snapshotsEveryAccountAsTheJobDoesWithQueriesPerAccount() throws Exception {
        // given
        TestPortfolio portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        EdgeCaseAccounts.seed(portfolio, AS_OF);
        generator.generate(100, 11);
        runs.run(Map.of("asOf", AS_OF.minus(Duration.ofDays(30)).toString()));
        JobExecution execution = runs.run(Map.of("asOf", AS_OF.toString()));
        SnapshotRows byJob = SnapshotRows.of(jdbc, execution.getId());
        long jobWarnings = warnings(execution.getId());
        SnapshotCleanup.execute(jdbc, "DELETE FROM account_snapshots WHERE job_execution_id = ?", execution.getId());
        List<Long> accounts = jdbc.queryForList("SELECT account_id FROM accounts ORDER BY account_id", Long.class);
        StatementCounter counter = new StatementCounter();

        // when
        int written = new NaiveSnapshotter(counter.wrap(dataSource), -2, -2).snapshot(accounts,
                new SnapshotRun(AS_OF, SnapshotType.MANUAL, null, null, false, Duration.ZERO,
                        KpiReferenceRanges.none()));

        // then
        assertThat(written).isEqualTo(107);
        assertThat(byJob.differencesFrom(SnapshotRows.of(jdbc, -2), "naive")).isEmpty();
        assertThat(warnings(-2)).isEqualTo(jobWarnings).isPositive();
        long accountsWithWarnings = jdbc.queryForObject(
                "SELECT count(DISTINCT account_id) FROM snapshot_run_issues WHERE job_execution_id = -2", Long.class);
        assertThat(counter.count()).isEqualTo(11L * written + accountsWithWarnings);
    }

    private long warnings(long jobExecutionId) {
        return jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues WHERE job_execution_id = ?", Long.class,
                jobExecutionId);
    }
}
