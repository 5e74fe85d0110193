package com.accountsnapshot.demo;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real PostgreSQL these tests run against: {@code SPRING_DATASOURCE_URL} / {@code _USERNAME} /
 * {@code _PASSWORD} (default: the local {@code demo_dev} database), migrated with the product's Flyway
 * scripts. Independent of the application context, which is wired elsewhere.
 */
final class DemoDatabase {

    static final String TRUNCATE_SOURCE_TABLES = """
            TRUNCATE accounts, products, kpis, health_trends, playbook_executions, playbook_reports,
                     playbook_triggers, account_notes""";

    private DemoDatabase() {
    }

    static DataSource migrated() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(env("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/demo_dev"));
        dataSource.setUser(env("SPRING_DATASOURCE_USERNAME", "postgres"));
        dataSource.setPassword(env("SPRING_DATASOURCE_PASSWORD", ""));
        Flyway.configure().dataSource(dataSource).load().migrate();
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
