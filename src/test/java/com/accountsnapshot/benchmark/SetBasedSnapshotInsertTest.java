package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.demo.DemoActivity;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.operations.SnapshotRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's set-based contender computes what the job computes: on a generated portfolio plus accounts
 * made of edge cases, three rounds of snapshots (first snapshots, then two more with platform activity in
 * between, so sequence numbers, differences, three-score trends and significance all come into play), each
 * taken once by the statement and once by the job as of the same instant, agree on every column of every
 * account except the row's own ids.
 */
@SpringBootTest
class SetBasedSnapshotInsertTest {

    static final Instant AS_OF = Instant.parse("2026-11-15T00:00:00Z");

    /** Columns that identify the row or the run rather than the snapshot. */
    private static final List<String> NOT_COMPARED = List.of("snapshot_id", "job_instance_id", "job_execution_id",
            "created_at");

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
        TestPortfolio portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
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
            Map<Long, Map<String, Object>> bySql = snapshotsOf(-1);
            jdbc.update("DELETE FROM account_snapshots WHERE job_execution_id = -1");
            JobExecution execution = runs.run(Map.of("asOf", asOf.toString()));
            Map<Long, Map<String, Object>> byJob = snapshotsOf(execution.getId());

            // then
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(inserted).isEqualTo(byJob.size()).isEqualTo(307);
            assertThat(bySql.keySet()).isEqualTo(byJob.keySet());
            assertThat(differences(byJob, bySql)).as("round as of %s", asOf).isEmpty();
            if (round > 0) {
                activity.advance();
                EdgeCaseAccounts.change(jdbc);
            }
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshots WHERE snapshot_sequence_number = 3
                AND health_score_trend <> 'stable' AND is_significant_change""", Long.class)).isPositive();
    }

    private Map<Long, Map<String, Object>> snapshotsOf(long jobExecutionId) {
        Map<Long, Map<String, Object>> snapshots = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT * FROM account_snapshots WHERE job_execution_id = ? ORDER BY account_id", jobExecutionId)) {
            NOT_COMPARED.forEach(row::remove);
            snapshots.put((Long) row.get("account_id"), row);
        }
        return snapshots;
    }

    private static List<String> differences(Map<Long, Map<String, Object>> expected,
            Map<Long, Map<String, Object>> actual) {
        List<String> differences = new ArrayList<>();
        expected.forEach((accountId, row) -> row.forEach((column, value) -> {
            Object other = actual.get(accountId).get(column);
            if (!Objects.equals(value, other)) {
                differences.add("account " + accountId + " " + column + ": job " + value + ", sql " + other);
            }
        }));
        return differences;
    }
}
