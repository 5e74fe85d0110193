package com.accountsnapshot.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotMaintenance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshots are immutable in the database itself: UPDATE, DELETE and TRUNCATE from any connection are refused,
 * on account_snapshots and on each partition (one created later too), unless the transaction declares a
 * maintenance path; the declaration ends with its transaction.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
class ImmutableSnapshotsTest {

    private static final String ONE_SNAPSHOT = """
            INSERT INTO account_snapshots (snapshot_timestamp, account_id, customer_id, job_instance_id,
                job_execution_id, snapshot_sequence_number, product_count, total_kpis, account_level_kpis,
                product_level_kpis, critical_kpis_count, at_risk_kpis_count, healthy_kpis_count, unscored_kpis_count,
                playbooks_running_count, playbooks_completed_count, playbooks_completed_last_30_days,
                is_significant_change, snapshot_type, account_name, health_score_source, health_score_trend)
            VALUES (TIMESTAMPTZ '2026-11-28 02:00:00+00', 1, 100, -1, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false,
                    'manual', 'Acme', 'none', 'stable')""";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    SnapshotMaintenance maintenance;

    @BeforeEach
    void oneSnapshot() {
        new TestPortfolio(jdbc).clean();
        jdbc.queryForList("SELECT create_account_snapshot_partition(TIMESTAMPTZ '2026-11-28 02:00:00+00')");
        jdbc.update(ONE_SNAPSHOT);
    }

    @AfterEach
    void dropLaterPartitions() {
        jdbc.execute("DROP TABLE IF EXISTS account_snapshots_2031_01, account_snapshots_2031_02");
    }

    @Test
    void updateDeleteAndTruncateFromAnotherConnectionAreRefusedWithTheReason() throws SQLException {
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM account_snapshots");

        try (Connection other = connect(); Statement statement = other.createStatement()) {
            assertRefused(statement, "UPDATE account_snapshots SET account_name = 'Changed'",
                    "account snapshots are immutable: UPDATE of account_snapshots_2026_11 refused");
            assertRefused(statement, "DELETE FROM account_snapshots WHERE account_id = 1",
                    "account snapshots are immutable: DELETE of account_snapshots_2026_11 refused");
            assertRefused(statement, "DELETE FROM account_snapshots_2026_11",
                    "account snapshots are immutable: DELETE of account_snapshots_2026_11 refused");
            assertRefused(statement, "TRUNCATE account_snapshots",
                    "account snapshots are immutable: TRUNCATE of account_snapshots refused");
            assertRefused(statement, "TRUNCATE account_snapshots_2026_11",
                    "account snapshots are immutable: TRUNCATE of account_snapshots_2026_11 refused");
        }

        assertThat(jdbc.queryForList("SELECT * FROM account_snapshots")).isEqualTo(before);
    }

    @Test
    void partitionsCreatedLaterAreGuardedToo() throws SQLException {
        // one by the product's partition management, one by hand
        jdbc.queryForList("SELECT create_account_snapshot_partition(TIMESTAMPTZ '2031-01-15 00:00:00+00')");
        jdbc.execute("CREATE TABLE account_snapshots_2031_02 PARTITION OF account_snapshots "
                + "FOR VALUES FROM ('2031-02-01 00:00:00+00') TO ('2031-03-01 00:00:00+00')");

        try (Connection other = connect(); Statement statement = other.createStatement()) {
            assertRefused(statement, "TRUNCATE account_snapshots_2031_01",
                    "account snapshots are immutable: TRUNCATE of account_snapshots_2031_01 refused");
            assertRefused(statement, "TRUNCATE account_snapshots_2031_02",
                    "account snapshots are immutable: TRUNCATE of account_snapshots_2031_02 refused");
        }
    }

    @Test
    void aDeclaredMaintenanceTransactionMayDeleteAndTheDeclarationEndsWithIt() throws SQLException {
        try (Connection other = connect(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT set_config('" + SnapshotMaintenance.SETTING + "', 'retention', true)");
            assertThat(statement.executeUpdate("DELETE FROM account_snapshots WHERE account_id = 1")).isEqualTo(1);
            other.rollback();
            other.setAutoCommit(true);

            // the same session, after the transaction: refused again
            assertRefused(statement, "DELETE FROM account_snapshots WHERE account_id = 1",
                    "account snapshots are immutable: DELETE of account_snapshots_2026_11 refused");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Long.class)).isEqualTo(1);

        transaction.executeWithoutResult(status -> {
            maintenance.declare("retention");
            assertThat(jdbc.update("DELETE FROM account_snapshots WHERE account_id = 1")).isEqualTo(1);
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Long.class)).isZero();
        assertThatThrownBy(() -> maintenance.declare("retention")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Maintenance 'retention' must run in a transaction");
    }

    private static void assertRefused(Statement statement, String sql, String message) {
        assertThatThrownBy(() -> statement.execute(sql)).isInstanceOf(SQLException.class)
                .hasMessageStartingWith("ERROR: " + message)
                .hasMessageContaining("Hint: Only the product's maintenance (retention, quarantine-future-snapshots) "
                        + "removes snapshots");
    }

    private static Connection connect() throws SQLException {
        String password = System.getenv("SPRING_DATASOURCE_PASSWORD");
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), password == null ? "" : password);
    }
}
