package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.demo.DemoActivity;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The benchmark's set-based contender computes what the job computes: on a generated portfolio plus accounts
 * made of edge cases, three rounds of snapshots (first snapshots, then two more with platform activity in
 * between, so sequence numbers, differences, three-score trends and significance all come into play), each
 * taken once by the statement and once by the job as of the same instant, agree on every column of every
 * account except the row's own ids.
 */
@SpringBootTest(properties = BenchmarkTestProperties.SMALL_POOL)
class SetBasedSnapshotInsertTest {

    static final Instant AS_OF = Instant.parse("2026-11-15T00:00:00Z");

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    DemoPortfolioGenerator generator;

    @Autowired
    DemoActivity activity;

    SetBasedSnapshotInsert statement;

    @BeforeEach
    void seedPortfolio() {
        TestPortfolio portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository()
                .snapshotMonths(AS_OF.toString(), AS_OF.minus(Duration.ofDays(30)).toString(),
                        AS_OF.minus(Duration.ofDays(60)).toString());
        jdbc.execute("TRUNCATE demo_portfolios");
        EdgeCaseAccounts.seed(portfolio, AS_OF);
        generator.generate(300, 7);
        statement = new SetBasedSnapshotInsert(dataSource);
    }

    @Test
    void insertSelectWritesTheJobsSnapshotOfEveryAccountInEveryRound() throws Exception {
        for (int round = 2; round >= 0; round--) {
            // given
            Instant asOf = AS_OF.minus(Duration.ofDays(30L * round));

            // when
            int inserted = statement.insert(asOf, -1, -1);
            SnapshotRows bySql = SnapshotRows.of(jdbc, -1);
            SnapshotCleanup.execute(jdbc, "DELETE FROM account_snapshots WHERE job_execution_id = -1");
            JobExecution execution = runs.run(Map.of("asOf", asOf.toString()));
            SnapshotRows byJob = SnapshotRows.of(jdbc, execution.getId());

            // then
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(inserted).isEqualTo(byJob.size()).isEqualTo(307);
            assertThat(byJob.differencesFrom(bySql, "sql")).as("round as of %s", asOf).isEmpty();
            if (round > 0) {
                activity.advance();
                EdgeCaseAccounts.change(jdbc);
            }
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshots WHERE snapshot_sequence_number = 3
                AND health_score_trend <> 'stable' AND is_significant_change""", Long.class)).isPositive();
        // both took account 6's rows as of each instant: the last round sees those up to AS_OF, not those after
        assertThat(jdbc.queryForMap("""
                SELECT products_used::text, recent_csm_note_ids::text, recent_playbook_report_ids::text,
                       playbooks_running::text, playbooks_completed_count, overall_health_score::text, total_kpis
                FROM account_snapshots WHERE account_id = 6 AND snapshot_sequence_number = 3""")).containsExactly(
                entry("products_used", "[\"At as-of\", \"Between\", \"Untimed\"]"),
                entry("recent_csm_note_ids", "[11, 12]"), entry("recent_playbook_report_ids", "[9, 10]"),
                entry("playbooks_running", "[\"done-later\", \"failed-later\", \"done-untimed\"]"),
                entry("playbooks_completed_count", 1), entry("overall_health_score", "62.00"), entry("total_kpis", 3));
        // changed_fields: null on first snapshots, then the revenue changes EdgeCaseAccounts.change made
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshots WHERE snapshot_sequence_number = 1 AND changed_fields IS NOT NULL
                """, Long.class)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT changed_fields -> 'revenue' FROM account_snapshots WHERE account_id = 3
                AND snapshot_sequence_number = 2""", String.class)).isEqualTo("{\"to\": 10.00, \"from\": 0.00}");
    }
}
