package com.accountsnapshot.reliability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation: for every account, every related table also holds rows filed under each other customer
 * (three customers whose accounts share the chunk, so their ids are all among the chunk's customer ids, and
 * one customer with no accounts), each designed to change a field if it leaked: a smaller product id, a
 * critical high-impact KPI, a newer health trend month, a running and a recently completed playbook, a newer
 * report, a newer note, an enabled trigger. Every field of every account equals its own customer's value.
 */
@ReliabilityTest
class TenantIsolationTest {

    static final int ACCOUNTS = 30;

    static final List<Long> CUSTOMERS = List.of(10L, 20L, 30L, 99L);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * Every (account, customer) pair: the account's own customer (slot 5) and each other customer (slot 0-3).
     * Own rows are old and healthy; the others newer, critical, running, enabled.
     */
    private static final String PAIRS = """
            WITH pairs AS (
                SELECT p.*, 100000 + p.account_id * 100 + (CASE WHEN p.own THEN 5 ELSE p.slot END) * 10 AS id
                FROM (SELECT a AS account_id, o.customer_id, o.slot,
                             o.customer_id = (ARRAY[10, 20, 30])[1 + (a - 1) % 3] AS own
                      FROM generate_series(1, 30) a, (VALUES (10, 0), (20, 1), (30, 2), (99, 3)) o(customer_id, slot)
                     ) p)
            """;

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update(PAIRS + """
                INSERT INTO accounts (account_id, customer_id, account_name)
                SELECT account_id, customer_id, 'Account ' || account_id FROM pairs WHERE own""");
        jdbc.update(PAIRS + """
                INSERT INTO products (product_id, account_id, customer_id, product_name)
                SELECT id, account_id, customer_id,
                       CASE WHEN own THEN 'Own-' || account_id ELSE 'Leak-' || customer_id END
                FROM pairs""");
        jdbc.update(PAIRS + """
                INSERT INTO kpis (kpi_id, account_id, customer_id, category, kpi_parameter, data, impact_level)
                SELECT id, account_id, customer_id, 'Support', 'Unlisted Metric', CASE WHEN own THEN '90' ELSE '1' END,
                       CASE WHEN own THEN 'low' ELSE 'high' END
                FROM pairs""");
        jdbc.update(PAIRS + """
                INSERT INTO health_trends (trend_id, account_id, customer_id, year, month, overall_health_score,
                    product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
                    relationship_strength_score)
                SELECT id, account_id, customer_id, 2026, CASE WHEN own THEN 6 ELSE 7 + slot END, s, s, s, s, s, s
                FROM (SELECT *, CASE WHEN own THEN 70.00 ELSE 10.00 END AS s FROM pairs) p""");
        jdbc.update(PAIRS + """
                INSERT INTO playbook_executions (id, execution_id, account_id, customer_id, playbook_id, status,
                                                 started_at, completed_at)
                SELECT id + 1, 'e' || (id + 1), account_id, customer_id,
                       CASE WHEN own THEN 'own-pb' ELSE 'leak-running' END,
                       CASE WHEN own THEN 'completed' ELSE 'in-progress' END,
                       CASE WHEN own THEN timestamptz '2026-06-01Z' ELSE '2026-11-20Z' END,
                       CASE WHEN own THEN timestamptz '2026-06-02Z' END
                FROM pairs
                UNION ALL
                SELECT id + 2, 'e' || (id + 2), account_id, customer_id, 'leak-done', 'completed', '2026-11-21Z',
                       '2026-11-22Z'
                FROM pairs WHERE NOT own""");
        jdbc.update(PAIRS + """
                INSERT INTO playbook_reports (report_id, account_id, customer_id, playbook_name, report_generated_at)
                SELECT id + 3, account_id, customer_id, 'Report',
                       CASE WHEN own THEN timestamptz '2026-06-01Z' ELSE '2026-11-25Z' END
                FROM pairs""");
        jdbc.update(PAIRS + """
                INSERT INTO account_notes (note_id, account_id, customer_id, note_type, note_content, created_at)
                SELECT id + 4, account_id, customer_id, CASE WHEN own THEN 'own' ELSE 'leak' END, 'Text',
                       CASE WHEN own THEN timestamptz '2026-06-01Z' ELSE '2026-11-25Z' END
                FROM pairs""");
        jdbc.update("""
                INSERT INTO playbook_triggers (trigger_id, customer_id, playbook_type, auto_trigger_enabled)
                SELECT c, c, 'type-of-' || c, true FROM unnest(ARRAY[10, 20, 30, 99]) c""");
    }

    /** Accounts 1, 4, 7, ... belong to customer 10; 2, 5, ... to 20; 3, 6, ... to 30; customer 99 has none. */
    static long customerOf(long account) {
        return CUSTOMERS.get((int) ((account - 1) % 3));
    }

    @Test
    void everyFieldOfEveryAccountComesFromItsOwnCustomersRowsOnly() throws Exception {
        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> snapshots = jdbc.queryForList("SELECT * FROM account_snapshots ORDER BY account_id");
        assertThat(snapshots).hasSize(ACCOUNTS);
        for (Map<String, Object> snapshot : snapshots) {
            long account = (Long) snapshot.get("account_id");
            long own = customerOf(account);
            long ownId = 100_000 + account * 100 + 50;
            assertThat(snapshot).as("account " + account)
                    .containsEntry("customer_id", own)
                    .containsEntry("product_count", 1)
                    .containsEntry("primary_product", "Own-" + account)
                    .containsEntry("total_kpis", 1)
                    .containsEntry("critical_kpis_count", 0)
                    .containsEntry("at_risk_kpis_count", 0)
                    .containsEntry("healthy_kpis_count", 1)
                    .containsEntry("unscored_kpis_count", 0)
                    .containsEntry("health_score_source", "health_trend")
                    .containsEntry("overall_health_score", new BigDecimal("70.00"))
                    .containsEntry("product_usage_score", new BigDecimal("70.00"))
                    .containsEntry("support_score", new BigDecimal("70.00"))
                    .containsEntry("customer_sentiment_score", new BigDecimal("70.00"))
                    .containsEntry("business_outcomes_score", new BigDecimal("70.00"))
                    .containsEntry("relationship_strength_score", new BigDecimal("70.00"))
                    .containsEntry("playbooks_running_count", 0)
                    .containsEntry("playbooks_completed_count", 1)
                    .containsEntry("playbooks_completed_last_30_days", 0);
            assertJson(snapshot, "products_used", List.of("Own-" + account));
            assertJson(snapshot, "top_critical_kpis", List.of());
            assertJson(snapshot, "playbooks_running", List.of());
            assertJson(snapshot, "last_playbook_executed",
                    Map.of("playbook_id", "own-pb", "started_at", "2026-06-01T00:00:00Z"));
            assertJson(snapshot, "playbook_recommendations_active", List.of("type-of-" + own));
            assertJson(snapshot, "recent_playbook_report_ids", List.of(ownId + 3));
            assertJson(snapshot, "recent_csm_note_ids", List.of(ownId + 4));
        }
    }

    private static void assertJson(Map<String, Object> snapshot, String column, Object expected) {
        JsonNode actual = JSON.readTree(String.valueOf(snapshot.get(column)));
        assertThat(actual).as(column + " of account " + snapshot.get("account_id"))
                .isEqualTo(JSON.readTree(JSON.writeValueAsString(expected)));
    }
}
