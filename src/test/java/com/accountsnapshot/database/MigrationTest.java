package com.accountsnapshot.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.accountsnapshot.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flyway migrations bring a blank database to the schema of docs/snapshot-fields.md#source-tables, and only once. */
class MigrationTest {

    private final String database = "migration_" + UUID.randomUUID().toString().replace("-", "");

    private SingleConnectionDataSource dataSource;

    @BeforeEach
    void createBlankDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "")) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
        String url = TestDatabase.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        dataSource = new SingleConnectionDataSource(url, TestDatabase.username(), "", true);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        dataSource.destroy();
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "")) {
            connection.createStatement().execute("DROP DATABASE " + database);
        }
    }

    @Test
    void blankDatabaseGetsEveryTableAndColumnOnceAndSecondMigrateChangesNothing() {
        Flyway flyway = Flyway.configure().dataSource(dataSource).load();

        MigrateResult first = flyway.migrate();
        MigrateResult second = flyway.migrate();

        assertThat(first.migrationsExecuted).isEqualTo(MigrationScripts.count());
        assertThat(second.migrationsExecuted).isZero();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(columns(jdbc, "snapshot_run_leases")).containsExactlyEntriesOf(ordered(
                "lease_id", "bigint", "job_execution_id", "bigint", "step_execution_id", "bigint",
                "owner_host", "text", "owner_pid", "bigint", "owner_instance", "text",
                "acquired_at", "timestamp with time zone", "renewed_at", "timestamp with time zone",
                "released_at", "timestamp with time zone", "generation", "bigint",
                "recovered_at", "timestamp with time zone"));
        assertThat(columns(jdbc, "accounts")).containsExactlyEntriesOf(ordered(
                "account_id", "bigint", "customer_id", "bigint", "account_name", "character varying(255)",
                "revenue", "numeric(15,2)", "account_status", "character varying(50)",
                "industry", "character varying(100)", "region", "character varying(100)",
                "external_account_id", "character varying(100)", "profile_metadata", "jsonb",
                "created_at", "timestamp with time zone", "updated_at", "timestamp with time zone"));
        assertThat(columns(jdbc, "kpis")).containsExactlyEntriesOf(ordered(
                "kpi_id", "bigint", "account_id", "bigint", "customer_id", "bigint", "product_id", "bigint",
                "category", "character varying(100)", "kpi_parameter", "character varying(255)",
                "data", "character varying(255)", "impact_level", "character varying(20)",
                "weight", "character varying(20)", "measurement_frequency", "character varying(50)",
                "created_at", "timestamp with time zone"));
        assertThat(columns(jdbc, "health_trends")).containsExactlyEntriesOf(ordered(
                "trend_id", "bigint", "account_id", "bigint", "customer_id", "bigint", "year", "integer",
                "month", "integer", "overall_health_score", "numeric(5,2)", "product_usage_score", "numeric(5,2)",
                "support_score", "numeric(5,2)", "customer_sentiment_score", "numeric(5,2)",
                "business_outcomes_score", "numeric(5,2)", "relationship_strength_score", "numeric(5,2)"));
        assertThat(columns(jdbc, "playbook_executions")).containsExactlyEntriesOf(ordered(
                "id", "bigint", "execution_id", "character varying(36)", "account_id", "bigint",
                "customer_id", "bigint", "playbook_id", "character varying(50)", "status", "character varying(20)",
                "started_at", "timestamp with time zone", "completed_at", "timestamp with time zone"));
        assertThat(columns(jdbc, "playbook_reports")).containsExactlyEntriesOf(ordered(
                "report_id", "bigint", "account_id", "bigint", "customer_id", "bigint",
                "playbook_id", "character varying(50)", "playbook_name", "character varying(100)",
                "report_generated_at", "timestamp with time zone"));
        assertThat(columns(jdbc, "playbook_triggers")).containsExactlyEntriesOf(ordered(
                "trigger_id", "bigint", "customer_id", "bigint", "playbook_type", "character varying(50)",
                "auto_trigger_enabled", "boolean"));
        assertThat(columns(jdbc, "account_notes")).containsExactlyEntriesOf(ordered(
                "note_id", "bigint", "account_id", "bigint", "customer_id", "bigint",
                "note_type", "character varying(50)", "note_content", "text",
                "created_at", "timestamp with time zone"));
        assertThat(columns(jdbc, "kpi_reference_ranges")).containsExactlyEntriesOf(ordered(
                "kpi_name", "character varying(255)", "higher_is_better", "boolean", "critical_bound", "numeric",
                "healthy_bound", "numeric", "unit", "character varying(30)"));
        assertThat(columns(jdbc, "products")).containsEntry("product_name", "character varying(255)")
                .containsEntry("customer_id", "bigint").hasSize(8);
        Map<String, String> snapshots = columns(jdbc, "account_snapshots");
        assertThat(snapshots).hasSize(64)
                .containsEntry("snapshot_id", "bigint")
                .containsEntry("snapshot_timestamp", "timestamp with time zone")
                .containsEntry("revenue", "numeric(15,2)")
                .containsEntry("account_name", "text")
                .containsEntry("account_status", "text")
                .containsEntry("industry", "text")
                .containsEntry("region", "text")
                .containsEntry("external_account_id", "text")
                .containsEntry("revenue_change_from_last", "numeric(15,2)")
                .containsEntry("revenue_change_percent", "numeric(12,2)")
                .containsEntry("overall_health_score", "numeric(5,2)")
                .containsEntry("engagement_score", "numeric(5,2)")
                .containsEntry("last_qbr_date", "date")
                .containsEntry("products_used", "jsonb")
                .containsEntry("top_critical_kpis", "jsonb")
                .containsEntry("last_playbook_executed", "jsonb")
                .containsEntry("recent_csm_note_ids", "jsonb")
                .containsEntry("snapshot_sequence_number", "integer")
                .containsEntry("is_significant_change", "boolean")
                .containsEntry("changed_fields", "jsonb")
                .containsEntry("job_instance_id", "bigint")
                .containsEntry("job_execution_id", "bigint");
        assertThat(jdbc.queryForList("""
                SELECT conname FROM pg_constraint WHERE conrelid = 'account_snapshots'::regclass AND contype = 'u'
                ORDER BY conname""", String.class))
                .containsExactly("account_snapshots_job_instance_uk", "account_snapshots_sequence_uk");
        assertThat(columns(jdbc, "operator_audit")).containsExactlyEntriesOf(ordered(
                "audit_id", "bigint", "occurred_at", "timestamp with time zone",
                "principal", "character varying(255)", "action", "character varying(100)", "target", "text",
                "outcome", "text", "remote_address", "character varying(100)"));
        // every column of account_snapshots, and quarantined_at
        Map<String, String> quarantine = columns(jdbc, "account_snapshots_quarantine");
        assertThat(quarantine).hasSize(snapshots.size() + 1).containsAllEntriesOf(Map.of("snapshot_id", "bigint",
                "snapshot_timestamp", "timestamp with time zone", "quarantined_at", "timestamp with time zone"));
        assertThat(snapshots).containsAllEntriesOf(Map.copyOf(quarantine.entrySet().stream()
                .filter(column -> !column.getKey().equals("quarantined_at"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        assertThat(columns(jdbc, "snapshot_run_issues")).containsKeys("job_execution_id", "account_id",
                "issue_type", "field", "problem", "raw_value");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM kpi_reference_ranges WHERE higher_is_better",
                Integer.class)).isEqualTo(16);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM kpi_reference_ranges WHERE NOT higher_is_better",
                Integer.class)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_name IN "
                + "('batch_job_instance', 'batch_job_execution', 'batch_step_execution', 'qrtz_triggers', "
                + "'qrtz_job_details', 'qrtz_locks', 'demo_portfolios')", Integer.class)).isEqualTo(7);
    }

    private static Map<String, String> columns(JdbcTemplate jdbc, String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        jdbc.query("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
                FROM pg_attribute a
                WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""", rs -> {
            columns.put(rs.getString("attname"), rs.getString("type"));
        }, table);
        return columns;
    }

    private static Map<String, String> ordered(String... namesAndTypes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            map.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        return map;
    }
}
