package com.accountsnapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/** Inserts source rows for tests, one short call per row, and empties the tables between tests. */
public final class TestPortfolio {

    private final JdbcTemplate jdbc;

    private long nextId = 1;

    public TestPortfolio(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties every source table and the product's own tables (job metadata is kept). */
    public TestPortfolio clean() {
        SnapshotCleanup.execute(jdbc, """
                TRUNCATE accounts, products, kpis, health_trends, playbook_executions, playbook_reports,
                         playbook_triggers, account_notes, account_snapshots, snapshot_run_issues""");
        return this;
    }

    /**
     * Makes sure account_snapshots has the monthly partitions of the given instants, for snapshots a test inserts
     * itself (a run makes the partition of its as-of).
     */
    public TestPortfolio snapshotMonths(String... instants) {
        for (String instant : instants) {
            jdbc.queryForObject("SELECT create_account_snapshot_partition(CAST(? AS timestamptz))", Boolean.class,
                    instant);
        }
        return this;
    }

    /** Forgets every job instance, so that tests may reuse the same identifying parameters. */
    public TestPortfolio cleanJobRepository() {
        jdbc.execute("""
                TRUNCATE batch_step_execution_context, batch_step_execution, batch_job_execution_context,
                         batch_job_execution_params, batch_job_execution, batch_job_instance""");
        return this;
    }

    /**
     * Accounts 1 to {@code count} of customers {@code 1 + id % 7}, named {@code Account <id>}, active, revenue
     * {@code id * 10}; those matching {@code badCsmWhere} (a SQL condition on the id {@code i}, e.g.
     * {@code i % 10 = 0}) have an {@code assigned_csm} that is not text, one warning each, the others a valid one.
     */
    public TestPortfolio numberedAccounts(int count, String badCsmWhere) {
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, profile_metadata)
                SELECT i, 1 + i %% 7, 'Account ' || i, i * 10, 'active',
                       CASE WHEN %s THEN '{"assigned_csm": 42}' ELSE '{"assigned_csm": "Dana"}' END::jsonb
                FROM generate_series(1, ?) i""".formatted(badCsmWhere), count);
        return this;
    }

    public TestPortfolio account(long accountId, long customerId, String name, @Nullable String revenue,
            @Nullable String status, @Nullable String metadataJson) {
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, industry,
                                      region, external_account_id, profile_metadata, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'Software', 'EMEA', ?, CAST(? AS jsonb), now(), now())""",
                accountId, customerId, name, revenue == null ? null : new BigDecimal(revenue), status,
                "EXT-" + accountId, metadataJson);
        return this;
    }

    /** A product without a creation time: every snapshot, whatever its as-of instant, reads it. */
    public TestPortfolio product(long accountId, long customerId, long productId, String name) {
        return product(accountId, customerId, productId, name, null);
    }

    public TestPortfolio product(long accountId, long customerId, long productId, String name,
            @Nullable Instant createdAt) {
        jdbc.update("""
                INSERT INTO products (product_id, account_id, customer_id, product_name, product_sku, product_type,
                                      status, created_at)
                VALUES (?, ?, ?, ?, 'SKU', 'subscription', 'active', ?)""", productId, accountId, customerId, name,
                time(createdAt));
        return this;
    }

    /** A KPI without a creation time: every snapshot, whatever its as-of instant, reads it. */
    public TestPortfolio kpi(long accountId, long customerId, long kpiId, @Nullable Long productId,
            @Nullable String category, String parameter, @Nullable String data, @Nullable String impact) {
        return kpi(accountId, customerId, kpiId, productId, category, parameter, data, impact, null);
    }

    public TestPortfolio kpi(long accountId, long customerId, long kpiId, @Nullable Long productId,
            @Nullable String category, String parameter, @Nullable String data, @Nullable String impact,
            @Nullable Instant createdAt) {
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, product_id, category, kpi_parameter, data,
                                  impact_level, weight, measurement_frequency, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'normal', 'monthly', ?)""",
                kpiId, accountId, customerId, productId, category, parameter, data, impact, time(createdAt));
        return this;
    }

    public TestPortfolio trend(long accountId, long customerId, int year, int month, @Nullable String overall,
            @Nullable String usage, @Nullable String support, @Nullable String sentiment, @Nullable String outcomes,
            @Nullable String relationship) {
        jdbc.update("""
                INSERT INTO health_trends (trend_id, account_id, customer_id, year, month, overall_health_score,
                    product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
                    relationship_strength_score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", nextId++, accountId, customerId, year, month,
                decimal(overall), decimal(usage), decimal(support), decimal(sentiment), decimal(outcomes),
                decimal(relationship));
        return this;
    }

    public TestPortfolio execution(@Nullable Long accountId, long customerId, long id, @Nullable String playbookId,
            String status, Instant startedAt, @Nullable Instant completedAt) {
        jdbc.update("""
                INSERT INTO playbook_executions (id, execution_id, account_id, customer_id, playbook_id, status,
                                                 started_at, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, "exec-" + id, accountId, customerId, playbookId, status,
                time(startedAt), time(completedAt));
        return this;
    }

    public TestPortfolio report(@Nullable Long accountId, long customerId, long reportId, Instant generatedAt) {
        jdbc.update("""
                INSERT INTO playbook_reports (report_id, account_id, customer_id, playbook_id, playbook_name,
                                              report_generated_at)
                VALUES (?, ?, ?, 'pb', 'Playbook', ?)""", reportId, accountId, customerId, time(generatedAt));
        return this;
    }

    public TestPortfolio trigger(long customerId, long triggerId, String playbookType, boolean enabled) {
        jdbc.update("""
                INSERT INTO playbook_triggers (trigger_id, customer_id, playbook_type, auto_trigger_enabled)
                VALUES (?, ?, ?, ?)""", triggerId, customerId, playbookType, enabled);
        return this;
    }

    public TestPortfolio note(long accountId, long customerId, long noteId, Instant createdAt) {
        jdbc.update("""
                INSERT INTO account_notes (note_id, account_id, customer_id, note_type, note_content, created_at)
                VALUES (?, ?, ?, 'meeting', 'Discussed the renewal.', ?)""", noteId, accountId, customerId,
                time(createdAt));
        return this;
    }

    private static @Nullable BigDecimal decimal(@Nullable String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
