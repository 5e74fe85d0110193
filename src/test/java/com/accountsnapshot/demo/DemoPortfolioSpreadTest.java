package com.accountsnapshot.demo;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated portfolio looks like a real one: per-account averages near the brief's (products ~3, KPIs
 * ~20, trend months ~12 for the 90% with trends, executions ~5, reports ~3, notes ~10), customers of 1-50
 * accounts with ~4 triggers, and the formats and malformed data the snapshot job must cope with.
 * The bounds are generous on purpose (a catalogue change should not break them); the data is
 * deterministic, so every assertion is exact for this seed.
 */
class DemoPortfolioSpreadTest {

    private static final int ACCOUNTS = 2_000;

    private static JdbcTemplate jdbc;

    @BeforeAll
    static void generateOnce() {
        DataSource dataSource = DemoDatabase.migrated();
        jdbc = new JdbcTemplate(dataSource);
        DemoDatabase.truncateSourceTables(jdbc);
        new DemoPortfolioGenerator(dataSource).generate(ACCOUNTS, 2026);
    }

    @Test
    void perAccountAveragesAreRealistic() {
        assertThat(perAccount("products")).isBetween(2.5, 3.5);
        assertThat(perAccount("kpis")).isBetween(17.0, 23.0);
        assertThat(perAccount("health_trends")).isBetween(9.0, 12.0);
        assertThat(perAccount("playbook_executions")).isBetween(4.0, 6.0);
        assertThat(perAccount("playbook_reports")).isBetween(2.0, 4.0);
        assertThat(perAccount("account_notes")).isBetween(8.0, 12.0);

        long customers = queryLong("SELECT count(DISTINCT customer_id) FROM accounts");
        assertThat((double) ACCOUNTS / customers).isBetween(10.0, 25.0);
        assertThat(queryLong("SELECT max(n) FROM (SELECT count(*) n FROM accounts GROUP BY customer_id) c"))
                .isLessThanOrEqualTo(50);
        assertThat((double) queryLong("SELECT count(*) FROM playbook_triggers") / customers).isBetween(3.0, 5.0);
        assertThat(queryLong("SELECT count(*) FROM playbook_triggers WHERE NOT auto_trigger_enabled")).isPositive();
    }

    @Test
    void accountsVaryInWhatTheyHave() {
        assertThat(share("NOT EXISTS (SELECT 1 FROM products p WHERE p.account_id = a.account_id)"))
                .isBetween(0.03, 0.12);
        assertThat(share("NOT EXISTS (SELECT 1 FROM health_trends t WHERE t.account_id = a.account_id)"))
                .isBetween(0.05, 0.15);
        assertThat(share("NOT EXISTS (SELECT 1 FROM kpis k WHERE k.account_id = a.account_id)"))
                .isBetween(0.01, 0.06);
        assertThat(share("revenue IS NULL")).isBetween(0.01, 0.08);
        assertThat(share("account_status IS NULL")).isBetween(0.01, 0.10);
        assertThat(queryLong("""
                SELECT count(*) FROM accounts
                WHERE account_status NOT IN ('active', 'at_risk', 'churned', 'onboarding')""")).isZero();
    }

    @Test
    void healthTrendsEndWithOctober2026AndSometimesLackAnOverallScore() {
        assertThat(queryLong("""
                SELECT count(*) FROM (SELECT max(year * 12 + month - 1) AS last FROM health_trends
                                      GROUP BY account_id) t
                WHERE last <> 2026 * 12 + 9""")).isZero();
        assertThat(queryLong("""
                SELECT count(*) FROM health_trends
                WHERE overall_health_score < 0 OR overall_health_score > 100
                   OR support_score < 0 OR support_score > 100""")).isZero();
        assertThat(queryLong("SELECT count(*) FROM health_trends WHERE overall_health_score IS NULL")).isPositive();
        assertThat(queryLong("""
                SELECT count(*) FROM health_trends
                WHERE year = 2026 AND month = 10 AND overall_health_score IS NULL""")).isPositive();
    }

    @Test
    void kpiValuesAreParseableOrDeliberatelyUnscorable() {
        long kpis = queryLong("SELECT count(*) FROM kpis");
        long parseable = queryLong("""
                SELECT count(*) FROM kpis
                WHERE data ~ '^\\$?-?[0-9][0-9,]*(\\.[0-9]+)?[KkMm]?%?( [a-z]+)?$'""");
        long unscorable = queryLong("""
                SELECT count(*) FROM kpis
                WHERE data IS NULL OR data IN ('', '  ', 'N/A', 'TBD', 'n/a', 'pending review', '1e3', '+5', '.5',
                                               '1.2.3', '10 - 20')""");
        assertThat(parseable + unscorable).isEqualTo(kpis);
        assertThat((double) unscorable / kpis).isBetween(0.03, 0.10);
        for (String format : new String[] {"%", "$", "K", ",", " days", " hours", " users", "."}) {
            assertThat(queryLong("SELECT count(*) FROM kpis WHERE strpos(data, '" + format + "') > 0"))
                    .as(format).isPositive();
        }
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE data LIKE '-%'")).isPositive();
    }

    @Test
    void kpisMixCategoriesNamesLevelsAndImpacts() {
        long kpis = queryLong("SELECT count(*) FROM kpis");
        assertThat((double) queryLong("SELECT count(*) FROM kpis WHERE product_id IS NOT NULL") / kpis)
                .isBetween(0.25, 0.40);
        assertThat((double) queryLong("""
                SELECT count(*) FROM kpis k
                WHERE NOT EXISTS (SELECT 1 FROM kpi_reference_ranges r
                                  WHERE lower(r.kpi_name) = lower(trim(k.kpi_parameter)))""") / kpis)
                .isBetween(0.05, 0.20);
        assertThat(queryLong("SELECT count(DISTINCT kpi_name) FROM kpi_reference_ranges r WHERE EXISTS "
                + "(SELECT 1 FROM kpis k WHERE k.kpi_parameter = r.kpi_name)"))
                .isEqualTo(queryLong("SELECT count(*) FROM kpi_reference_ranges"));
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE kpi_parameter <> trim(kpi_parameter)")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE category = 'Other'")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE category LIKE '% KPIs'")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE category = 'product usage'")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE category IN ('Product Usage', 'Support', "
                + "'Customer Sentiment', 'Business Outcomes', 'Relationship Strength')") / (double) kpis)
                .isGreaterThan(0.7);
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE impact_level = 'HIGH'")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE impact_level IS NULL")).isPositive();
    }

    @Test
    void playbookExecutionsHaveStatusVariantsAndRecentCompletions() {
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT lower(replace(status, '_', '-')) FROM playbook_executions ORDER BY 1""",
                String.class)).containsExactly("cancelled", "completed", "failed", "in-progress");
        assertThat(queryLong("SELECT count(*) FROM playbook_executions WHERE status IN ('In_Progress', 'COMPLETED')"))
                .isPositive();
        assertThat(queryLong("""
                SELECT count(*) FROM playbook_executions
                WHERE (lower(status) = 'completed') <> (completed_at IS NOT NULL)""")).isZero();
        assertThat(queryLong("""
                SELECT count(*) FROM playbook_executions
                WHERE completed_at < timestamptz '2026-11-01T00:00:00Z' - interval '90 days'
                   OR completed_at >= timestamptz '2026-11-01T00:00:00Z'
                   OR completed_at < started_at""")).isZero();
        assertThat(queryLong("""
                SELECT count(*) FROM playbook_executions
                WHERE execution_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'"""))
                .isZero();
        assertThat(queryLong("SELECT count(*) FROM playbook_executions WHERE account_id IS NULL")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM playbook_reports WHERE account_id IS NULL")).isPositive();
    }

    @Test
    void notesHaveEveryTypeAndSomePastedText() {
        assertThat(jdbc.queryForList("SELECT DISTINCT note_type FROM account_notes ORDER BY 1", String.class))
                .containsExactly("call", "email", "escalation", "meeting", "qbr");
        assertThat(queryLong("SELECT count(*) FROM account_notes WHERE strpos(note_content, E'\\n') > 0"))
                .isPositive();
        assertThat(queryLong("SELECT count(*) FROM account_notes WHERE strpos(note_content, E'\\\\') > 0"))
                .isPositive();
        assertThat(queryLong("SELECT count(*) FROM account_notes WHERE note_content ~ '[^\\x01-\\x7F]'"))
                .isPositive();
    }

    @Test
    void profileMetadataHasEveryShapeAndSomeMessyOrMissing() {
        assertThat(share("profile_metadata IS NULL")).isBetween(0.01, 0.05);
        assertThat(count("jsonb_typeof(profile_metadata) = 'array'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'engagement') = 'array'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'champions') = 'string'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'assigned_csm') = 'number'")).isPositive();
        assertThat(count("profile_metadata -> 'engagement' ->> 'score' IN ('high', 'medium', 'low', 'n/a')"))
                .isPositive();
        assertThat(count("profile_metadata -> 'engagement' ->> 'last_qbr_date' ~ '^\\d\\d/\\d\\d/\\d{4}$'"))
                .isPositive();
        assertThat(count("profile_metadata -> 'engagement' ->> 'next_qbr_date' = '2026-02-30'")).isPositive();

        // the well-formed alternatives of docs/snapshot-fields.md#source-tables all occur
        assertThat(count("jsonb_typeof(profile_metadata -> 'products_used') = 'string'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'products_used') = 'array'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'engagement' -> 'score') = 'string'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'engagement' -> 'score') = 'number'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'champions' -> 0) = 'object'")).isPositive();
        assertThat(count("jsonb_typeof(profile_metadata -> 'champions' -> 0) = 'string'")).isPositive();
        assertThat(count("profile_metadata ?& array['assigned_csm', 'csm_manager', 'account_owner', "
                + "'account_tier', 'products_used', 'engagement', 'champions']")).isPositive();

        assertThat(share("""
                jsonb_typeof(profile_metadata) = 'array'
                OR jsonb_typeof(profile_metadata -> 'engagement') = 'array'
                OR jsonb_typeof(profile_metadata -> 'champions') = 'string'
                OR 'number' IN (jsonb_typeof(profile_metadata -> 'assigned_csm'),
                                jsonb_typeof(profile_metadata -> 'csm_manager'),
                                jsonb_typeof(profile_metadata -> 'account_tier'))
                OR profile_metadata -> 'engagement' ->> 'score' !~ '^-?[0-9]+(\\.[0-9]+)?$'
                OR profile_metadata -> 'engagement' ->> 'last_qbr_date' !~ '^\\d{4}-\\d\\d-\\d\\d$'
                OR profile_metadata -> 'engagement' ->> 'next_qbr_date'
                   IN ('2026-02-30', '2026-04-31', '2026-13-01', '2026-11-00')""")).isBetween(0.03, 0.08);
    }

    private double perAccount(String table) {
        return (double) queryLong("SELECT count(*) FROM " + table) / ACCOUNTS;
    }

    private long count(String accountCondition) {
        return queryLong("SELECT count(*) FROM accounts a WHERE " + accountCondition);
    }

    private double share(String accountCondition) {
        return (double) count(accountCondition) / ACCOUNTS;
    }

    private long queryLong(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        assertThat(value).as(sql).isNotNull();
        return value;
    }
}
