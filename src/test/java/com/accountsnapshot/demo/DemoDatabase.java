package com.accountsnapshot.demo;

import javax.sql.DataSource;

import com.accountsnapshot.TestDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real PostgreSQL these tests run against ({@link TestDatabase}), migrated with the product's Flyway
 * scripts, without an application context.
 */
public final class DemoDatabase {

    static final String TRUNCATE_SOURCE_TABLES = """
            TRUNCATE accounts, products, kpis, health_trends, playbook_executions, playbook_reports,
                     playbook_triggers, account_notes""";

    private DemoDatabase() {
    }

    public static DataSource migrated() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(TestDatabase.url());
        dataSource.setUser(TestDatabase.username());
        dataSource.setPassword(env("SPRING_DATASOURCE_PASSWORD", ""));
        Flyway.configure().dataSource(dataSource).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return dataSource;
    }

    static void truncateSourceTables(JdbcTemplate jdbc) {
        jdbc.execute(TRUNCATE_SOURCE_TABLES);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
