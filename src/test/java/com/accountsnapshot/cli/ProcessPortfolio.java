package com.accountsnapshot.cli;

import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.TestPortfolio;

import org.springframework.jdbc.core.JdbcTemplate;

/** A portfolio for the process tests, large enough that a run lasts a while, seeded set-based in SQL. */
final class ProcessPortfolio {

    private ProcessPortfolio() {
    }

    /** Migrates the test database and replaces its source rows with {@code accounts} accounts. */
    static JdbcTemplate migrateAndSeed(int accounts) {
        return migrateAndSeed(TestDatabase.url(), TestDatabase.username(), accounts);
    }

    /** Migrates the database at {@code url} and replaces its source rows with {@code accounts} accounts. */
    static JdbcTemplate migrateAndSeed(String url, String username, int accounts) {
        JdbcTemplate jdbc = TestDatabase.migrated(url, username);
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, profile_metadata)
                SELECT i, 1 + i % 500, 'Account ' || i, i * 10, 'active', '{"assigned_csm": "Dana"}'
                FROM generate_series(1, ?) i""", accounts);
        jdbc.update("""
                INSERT INTO products (product_id, account_id, customer_id, product_name)
                SELECT i * 10 + j, i, 1 + i % 500, 'Product ' || j FROM generate_series(1, ?) i, generate_series(1, 3) j""",
                accounts);
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, category, kpi_parameter, data, impact_level)
                SELECT i * 100 + j, i, 1 + i % 500, 'Support', 'KPI ' || j, (j * 9)::text, 'high'
                FROM generate_series(1, ?) i, generate_series(1, 10) j""", accounts);
        jdbc.update("""
                INSERT INTO health_trends (trend_id, account_id, customer_id, year, month, overall_health_score)
                SELECT i, i, 1 + i % 500, 2026, 10, 40 + i % 60 FROM generate_series(1, ?) i WHERE i % 4 <> 0""",
                accounts);
        jdbc.update("""
                INSERT INTO account_notes (note_id, account_id, customer_id, note_type, note_content, created_at)
                SELECT i * 10 + j, i, 1 + i % 500, 'call', 'Talked.', timestamptz '2026-11-01Z' + j * interval '1 day'
                FROM generate_series(1, ?) i, generate_series(1, 3) j""", accounts);
        jdbc.execute("ANALYZE");
        return jdbc;
    }
}
