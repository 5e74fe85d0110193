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
                SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'account_snapshots'::regclass AND contype IN ('p', 'u') ORDER BY conname""",
                String.class)).containsExactly(
                        "account_snapshots_job_instance_uk UNIQUE (job_instance_id, account_id, snapshot_timestamp)",
                        "account_snapshots_pkey PRIMARY KEY (snapshot_id, snapshot_timestamp)");
        assertThat(jdbc.queryForObject("SELECT pg_get_partkeydef('account_snapshots'::regclass)", String.class))
                .isEqualTo("RANGE (snapshot_timestamp)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_inherits WHERE inhparent = 'account_snapshots'::regclass",
                Integer.class)).as("a blank database has no month yet; the product makes them").isZero();
        assertThat(columns(jdbc, "account_snapshot_heads")).containsExactlyEntriesOf(ordered(
                "account_id", "bigint", "snapshot_id", "bigint", "snapshot_timestamp", "timestamp with time zone",
                "prior_snapshot_id", "bigint", "prior_snapshot_timestamp", "timestamp with time zone",
                "snapshot_sequence_number", "integer", "prior_sequence_number", "integer",
                "overall_health_score", "numeric(5,2)", "revenue", "numeric(15,2)", "account_status", "text",
                "prior_overall_health_score", "numeric(5,2)", "prior_revenue", "numeric(15,2)",
                "prior_account_status", "text"));
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

    @Test
    void aPopulatedTableIsPartitionedByMonthWithEveryRowAndColumnAndItsHeadsBuilt() {
        // given: the schema before partitioning, with snapshots over three months, every column set or null
        Flyway.configure().dataSource(dataSource).target("11").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("""
                INSERT INTO account_snapshots (account_id, customer_id, snapshot_timestamp, snapshot_type,
                    snapshot_reason, trigger_event, job_instance_id, job_execution_id, previous_snapshot_id,
                    created_at, account_name, account_status, industry, region, external_account_id, revenue,
                    account_tier, assigned_csm, csm_manager, account_owner, lifecycle_stage, onboarding_status,
                    last_qbr_date, next_qbr_date, engagement_score, primary_champion, champion_status,
                    stakeholder_count, products_used, product_count, primary_product, overall_health_score,
                    product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
                    relationship_strength_score, health_score_source, total_kpis, account_level_kpis,
                    product_level_kpis, critical_kpis_count, at_risk_kpis_count, healthy_kpis_count,
                    unscored_kpis_count, top_critical_kpis, playbooks_running, playbooks_running_count,
                    playbooks_completed_count, playbooks_completed_last_30_days, last_playbook_executed,
                    playbook_recommendations_active, recent_playbook_report_ids, recent_csm_note_ids,
                    snapshot_sequence_number, days_since_last_snapshot, health_score_change_from_last,
                    revenue_change_from_last, revenue_change_percent, health_score_trend, is_significant_change,
                    changed_fields)
                SELECT a, 10 + a, (ARRAY[timestamptz '2026-09-30T23:30:00Z', '2026-10-30T23:30:00Z',
                    '2026-11-30T23:30:00Z'])[r], 'scheduled',
                    'reason ' || r, CASE WHEN a = 2 THEN 'upload' END, 100 + r, 200 + r,
                    CASE WHEN r > 1 THEN (r - 2) * 3 + a END, timestamptz '2026-12-01T08:00:00Z' + r * interval '1s',
                    'Account ' || a, 'active', 'Retail', 'EMEA', 'ext-' || a, 1000.50 * r + a, 'Gold', 'Dana', 'Lee',
                    'Sam', 'adoption', 'complete', date '2026-06-30', CASE WHEN a <> 3 THEN date '2027-01-15' END,
                    72.50, 'Ana', 'engaged', a, '[{"product_id": 1, "product_name": "Core"}]', 1, 'Core',
                    60 + r * 5 + a, 61.25, 62.5, NULL, 64, 65, 'health_trend', 4, 3, 1, 1, 1, 1, 1,
                    '[{"kpi_id": 9, "kpi_name": "NPS"}]', '["renewal"]', 1, 2, 0,
                    '{"playbook_id": "pb", "started_at": "2026-11-01T00:00:00Z"}', '[]', '[5, 4]', '[9]', r,
                    CASE WHEN r > 1 THEN 30 END, CASE WHEN r > 1 THEN 5.00 END, CASE WHEN r > 1 THEN 1000.50 END,
                    CASE WHEN r > 1 THEN 50.00 END, CASE WHEN r = 3 THEN 'improving' ELSE 'stable' END, r = 3,
                    CASE WHEN r > 1 THEN '{"revenue": {"from": 1, "to": 2}}'::jsonb END
                FROM generate_series(1, 3) r, generate_series(1, 3) a
                ORDER BY r, a""");
        jdbc.update("DELETE FROM account_snapshots WHERE account_id = 3 AND snapshot_sequence_number > 1");
        String before = everyRow(jdbc);

        // when
        MigrateResult result = Flyway.configure().dataSource(dataSource).load().migrate();

        // then: the same rows with the same values in every column, in the months' partitions
        assertThat(result.migrationsExecuted).isEqualTo(MigrationScripts.count() - 11);
        assertThat(everyRow(jdbc)).isEqualTo(before);
        assertThat(jdbc.queryForList("""
                SELECT tableoid::regclass || ' ' || count(*) FROM account_snapshots GROUP BY tableoid ORDER BY 1""",
                String.class)).containsExactly("account_snapshots_2026_09 3", "account_snapshots_2026_10 2",
                        "account_snapshots_2026_11 2");
        assertThat(jdbc.queryForList("""
                SELECT account_id || ' ' || snapshot_id || ' ' || h.snapshot_sequence_number || ' '
                       || coalesce(h.prior_snapshot_id::text, '-') || ' ' || coalesce(h.prior_sequence_number::text, '-')
                       || ' ' || h.overall_health_score || ' ' || h.revenue || ' '
                       || coalesce(h.prior_overall_health_score::text, '-') || ' ' || s.account_name
                FROM account_snapshot_heads h
                JOIN account_snapshots s USING (snapshot_id, snapshot_timestamp, account_id)
                ORDER BY account_id""", String.class)).containsExactly(
                        "1 7 3 4 2 76.00 3002.50 71.00 Account 1", "2 8 3 5 2 77.00 3003.50 72.00 Account 2",
                        "3 3 1 - - 68.00 1003.50 - Account 3");
        // the identity goes on after the ids handed out before (9, though two rows are gone)
        jdbc.update("""
                INSERT INTO account_snapshots (account_id, customer_id, snapshot_timestamp, snapshot_type,
                    job_instance_id, job_execution_id, account_name, product_count, health_score_source, total_kpis,
                    account_level_kpis, product_level_kpis, critical_kpis_count, at_risk_kpis_count,
                    healthy_kpis_count, unscored_kpis_count, playbooks_running_count, playbooks_completed_count,
                    playbooks_completed_last_30_days, snapshot_sequence_number, health_score_trend,
                    is_significant_change)
                VALUES (4, 14, '2026-11-02T00:00:00Z', 'manual', 300, 300, 'Account 4', 0, 'none', 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 1, 'stable', false)""");
        assertThat(jdbc.queryForObject("SELECT snapshot_id FROM account_snapshots WHERE account_id = 4", Long.class))
                .isEqualTo(10L);
    }

    /** Every row of account_snapshots as one JSON object per row (keys sorted), in id order. */
    private static String everyRow(JdbcTemplate jdbc) {
        return String.join("\n", jdbc.queryForList(
                "SELECT to_jsonb(s)::text FROM account_snapshots s ORDER BY snapshot_id", String.class));
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
