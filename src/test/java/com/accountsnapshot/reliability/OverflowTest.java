package com.accountsnapshot.reliability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values too large for the snapshot's columns are recorded, not fatal: a revenue change percent beyond
 * numeric(12,2), and platform schemas wider than ours (the source columns are altered here to wider types):
 * a revenue or a health trend score that does not fit is null with a warning, a long string is copied whole
 * into a text column, and no account is lost.
 */
@ReliabilityTest
class OverflowTest {

    static final String LONG_INDUSTRY = "i".repeat(5_000);

    static final String LONG_NAME = "Name ".repeat(20_000);

    static final String LONG_PRODUCT = "p".repeat(100_000);

    static final String LONG_STATUS = "s".repeat(300);

    static final String HUGE_NUMBER = "9".repeat(1_000);

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
    }

    @AfterEach
    void restoreSourceTypes() {
        new TestPortfolio(jdbc).clean();
        jdbc.execute("""
                ALTER TABLE accounts ALTER revenue TYPE numeric(15,2), ALTER account_name TYPE varchar(255),
                    ALTER account_status TYPE varchar(50), ALTER industry TYPE varchar(100),
                    ALTER region TYPE varchar(100), ALTER external_account_id TYPE varchar(100);
                ALTER TABLE health_trends ALTER overall_health_score TYPE numeric(5,2),
                    ALTER product_usage_score TYPE numeric(5,2), ALTER support_score TYPE numeric(5,2),
                    ALTER customer_sentiment_score TYPE numeric(5,2), ALTER business_outcomes_score TYPE numeric(5,2),
                    ALTER relationship_strength_score TYPE numeric(5,2);
                ALTER TABLE account_notes ALTER note_type TYPE varchar(50);
                ALTER TABLE products ALTER product_name TYPE varchar(255);
                ALTER TABLE kpis ALTER data TYPE varchar(255), ALTER kpi_parameter TYPE varchar(255);
                ALTER TABLE playbook_executions ALTER playbook_id TYPE varchar(50);
                ALTER TABLE playbook_triggers ALTER playbook_type TYPE varchar(50)""");
    }

    @Test
    void revenueChangePercentBeyondNumeric12_2IsNullWithAWarning() throws Exception {
        new TestPortfolio(jdbc).account(1, 100, "Tiny", "0.01", "active", null)
                .account(2, 100, "Falling", "0.01", "active", null);
        runs.run(Map.of("asOf", "2026-11-27T00:00:00Z"));
        jdbc.update("UPDATE accounts SET revenue = 9999999999999.99 WHERE account_id = 1");
        jdbc.update("UPDATE accounts SET revenue = -9999999999999.99 WHERE account_id = 2");

        JobExecution second = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(snapshot(1)).containsEntry("snapshot_sequence_number", 2)
                .containsEntry("revenue", new BigDecimal("9999999999999.99"))
                .containsEntry("revenue_change_from_last", new BigDecimal("9999999999999.98"))
                .containsEntry("revenue_change_percent", null)
                .containsEntry("is_significant_change", true);
        assertThat(snapshot(2)).containsEntry("revenue", new BigDecimal("-9999999999999.99"))
                .containsEntry("revenue_change_from_last", null)
                .containsEntry("revenue_change_percent", null)
                .containsEntry("is_significant_change", true);
        assertThat(warnings(second)).containsExactly(
                List.of(1L, "revenue_change_percent", "99999999999999800.00"),
                List.of(2L, "revenue_change_from_last", "-10000000000000.00"),
                List.of(2L, "revenue_change_percent", "-100000000000000000.00"));
    }

    @Test
    void widerSourceColumnsAreRecordedOrCopiedWholeAndNoAccountIsLost() throws Exception {
        widenSourceColumns();
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, industry, region,
                                      external_account_id)
                VALUES (1, 100, 'Huge revenue', 12345678901234567.89, 'active', 'Software', 'EMEA', 'X1'),
                       (2, 100, 'Just too much', -10000000000000.00, 'active', 'Software', 'EMEA', 'X2'),
                       (3, 100, 'Just fits', 9999999999999.99, 'active', 'Software', 'EMEA', 'X3'),
                       (4, 100, 'Big support score', 10, 'active', 'Software', 'EMEA', 'X4'),
                       (5, 100, 'Big overall score', 10, 'active', 'Software', 'EMEA', 'X5'),
                       (6, 100, 'Long industry', 10, 'active', ?, 'EMEA', 'X6'),
                       (7, 100, ?, 10, ?, 'Software', ?, ?),
                       (8, 100, 'Long note type', 10, 'active', 'Software', 'EMEA', 'X8'),
                       (9, 100, 'Long product, KPI and playbook', 10, 'active', 'Software', 'EMEA', 'X9')""",
                LONG_INDUSTRY, LONG_NAME, LONG_STATUS, "r".repeat(1_000), "x".repeat(500));
        jdbc.update("""
                INSERT INTO health_trends (trend_id, account_id, customer_id, year, month, overall_health_score,
                    product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
                    relationship_strength_score)
                VALUES (1, 4, 100, 2026, 10, 80.00, 70.00, 12345.67, 60.00, -999.99, 999.99),
                       (2, 5, 100, 2026, 10, 12345.67, 70.00, 1000.00, -1000.00, 50.00, 40.00)""");
        jdbc.update("""
                INSERT INTO account_notes (note_id, account_id, customer_id, note_type, note_content, created_at)
                VALUES (1, 8, 100, ?, 'Long type', '2026-11-01Z')""", "t".repeat(262_144));
        jdbc.update("INSERT INTO products (product_id, account_id, customer_id, product_name) VALUES (1, 9, 100, ?)",
                LONG_PRODUCT);
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, category, kpi_parameter, data, impact_level)
                VALUES (1, 9, 100, 'Support', ?, ?, 'high'), (2, 9, 100, 'Support', 'Tiny', ?, 'high')""",
                "k".repeat(10_000), HUGE_NUMBER, "-" + HUGE_NUMBER);
        jdbc.update("""
                INSERT INTO playbook_executions (id, execution_id, account_id, customer_id, playbook_id, status,
                                                 started_at)
                VALUES (1, 'e1', 9, 100, ?, 'in-progress', '2026-11-01Z')""", "b".repeat(10_000));
        jdbc.update("""
                INSERT INTO playbook_triggers (trigger_id, customer_id, playbook_type, auto_trigger_enabled)
                VALUES (1, 100, ?, true)""", "y".repeat(10_000));

        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        new Ledger(jdbc).assertExactlyOnce(execution.getJobInstanceId(), List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
        assertThat(snapshot(1)).containsEntry("revenue", null).containsEntry("account_name", "Huge revenue");
        assertThat(snapshot(2)).containsEntry("revenue", null);
        assertThat(snapshot(3)).containsEntry("revenue", new BigDecimal("9999999999999.99"));
        assertThat(snapshot(4)).containsEntry("health_score_source", "health_trend")
                .containsEntry("overall_health_score", new BigDecimal("80.00"))
                .containsEntry("product_usage_score", new BigDecimal("70.00"))
                .containsEntry("support_score", null)
                .containsEntry("customer_sentiment_score", new BigDecimal("60.00"))
                .containsEntry("business_outcomes_score", new BigDecimal("-999.99"))
                .containsEntry("relationship_strength_score", new BigDecimal("999.99"));
        assertThat(snapshot(5)).containsEntry("health_score_source", "health_trend")
                .containsEntry("overall_health_score", null)
                .containsEntry("product_usage_score", new BigDecimal("70.00"))
                .containsEntry("support_score", null)
                .containsEntry("customer_sentiment_score", null)
                .containsEntry("business_outcomes_score", new BigDecimal("50.00"))
                .containsEntry("relationship_strength_score", new BigDecimal("40.00"));
        assertThat(snapshot(6)).containsEntry("industry", LONG_INDUSTRY);
        assertThat(snapshot(7)).containsEntry("account_name", LONG_NAME)
                .containsEntry("account_status", LONG_STATUS)
                .containsEntry("region", "r".repeat(1_000))
                .containsEntry("external_account_id", "x".repeat(500));
        assertThat(snapshot(8).get("recent_csm_note_ids")).hasToString("[1]");
        Map<String, Object> nine = snapshot(9);
        assertThat(nine).containsEntry("primary_product", LONG_PRODUCT)
                .containsEntry("healthy_kpis_count", 1)
                .containsEntry("critical_kpis_count", 1)
                .containsEntry("playbooks_running_count", 1);
        assertThat(nine.get("top_critical_kpis").toString()).contains("\"value\": \"-" + HUGE_NUMBER + "\"");
        assertThat(nine.get("playbooks_running")).hasToString("[\"" + "b".repeat(10_000) + "\"]");
        assertThat(nine.get("playbook_recommendations_active")).hasToString("[\"" + "y".repeat(10_000) + "\"]");
        assertThat(warnings(execution)).containsExactly(
                List.of(1L, "revenue", "12345678901234567.89"),
                List.of(2L, "revenue", "-10000000000000.00"),
                List.of(4L, "support_score", "12345.67"),
                List.of(5L, "customer_sentiment_score", "-1000.00"),
                List.of(5L, "overall_health_score", "12345.67"),
                List.of(5L, "support_score", "1000.00"));
    }

    private void widenSourceColumns() {
        jdbc.execute("""
                ALTER TABLE accounts ALTER revenue TYPE numeric(20,2), ALTER account_name TYPE text,
                    ALTER account_status TYPE text, ALTER industry TYPE text, ALTER region TYPE text,
                    ALTER external_account_id TYPE text;
                ALTER TABLE health_trends ALTER overall_health_score TYPE numeric(8,2),
                    ALTER product_usage_score TYPE numeric(8,2), ALTER support_score TYPE numeric(8,2),
                    ALTER customer_sentiment_score TYPE numeric(8,2), ALTER business_outcomes_score TYPE numeric(8,2),
                    ALTER relationship_strength_score TYPE numeric(8,2);
                ALTER TABLE account_notes ALTER note_type TYPE text;
                ALTER TABLE products ALTER product_name TYPE text;
                ALTER TABLE kpis ALTER data TYPE text, ALTER kpi_parameter TYPE text;
                ALTER TABLE playbook_executions ALTER playbook_id TYPE text;
                ALTER TABLE playbook_triggers ALTER playbook_type TYPE text""");
    }

    private Map<String, Object> snapshot(long accountId) {
        return jdbc.queryForMap("""
                SELECT * FROM account_snapshots WHERE account_id = ?
                ORDER BY snapshot_sequence_number DESC LIMIT 1""", accountId);
    }

    private List<List<Object>> warnings(JobExecution execution) {
        return jdbc.query("""
                SELECT account_id, field, raw_value FROM snapshot_run_issues
                WHERE job_execution_id = ? AND issue_type = 'warning' ORDER BY account_id, field""",
                (rs, n) -> List.of(rs.getLong("account_id"), rs.getString("field"), rs.getString("raw_value")),
                execution.getId());
    }
}
