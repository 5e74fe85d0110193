package com.accountsnapshot.job;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.accountsnapshot.AccountSnapshotApplication;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.internal.JdbcAccountContextLoader;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enrichment is set-based: the SQL statements a chunk runs against the product's tables do not depend on the
 * chunk size. Statements are counted by a DataSource wrapper as the driver executes them.
 */
class StatementsPerChunkTest {

    @Test
    void statementsPerChunkAreTheSameForChunksOf10And200() throws Exception {
        Count small = runWithChunkSize(10);
        Count large = runWithChunkSize(200);

        assertThat(small.chunks()).isEqualTo(20);
        assertThat(large.chunks()).isEqualTo(1);
        // statements = perRun + chunks * perChunk: solved from the two runs, then checked exactly
        int perChunk = (small.statements() - large.statements()) / (small.chunks() - large.chunks());
        int perRun = large.statements() - perChunk;
        // per chunk: one page of accounts, the enrichment queries, one insert of the chunk's snapshots
        assertThat(perChunk).isEqualTo(1 + JdbcAccountContextLoader.QUERIES_PER_CHUNK + 1);
        // per run: the launch lock and unlock, and the last, empty page of accounts
        assertThat(perRun).isEqualTo(3);
        assertThat(small.statements()).isEqualTo(perRun + 20 * perChunk);
    }

    @Test
    void partitionedStepKeepsTheSameStatementsPerChunk() throws Exception {
        Count small = runWithChunkSize(10, "--account-snapshot.job.partitioned=true", "--account-snapshot.job.threads=2");
        Count large = runWithChunkSize(200, "--account-snapshot.job.partitioned=true",
                "--account-snapshot.job.threads=2");

        assertThat(small.chunks()).isEqualTo(20);
        assertThat(large.chunks()).isEqualTo(2);
        int perChunk = 1 + JdbcAccountContextLoader.QUERIES_PER_CHUNK + 1;
        // per run: the launch lock and unlock, and the partitioner's query; with chunks of 10 each partition of
        // 100 accounts ends on a full page, so its reader asks once more and gets an empty page
        assertThat(small.statements()).isEqualTo(2 + 1 + 20 * perChunk + 2);
        assertThat(large.statements()).isEqualTo(2 + 1 + 2 * perChunk);
    }

    private static Count runWithChunkSize(int chunkSize, String... arguments) throws Exception {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--account-snapshot.job.chunk-size=" + chunkSize), java.util.stream.Stream.of(arguments))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountSnapshotApplication.class,
                StatementCounting.class).web(WebApplicationType.NONE).run(args)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            seed(jdbc);
            SnapshotRuns runs = context.getBean(SnapshotRuns.class);
            SnapshotRequest request = runs.request(Map.of("asOf", "2026-11-28T00:00:00Z"));
            AtomicInteger counter = context.getBean(StatementCounting.class).counter;

            counter.set(0);
            JobExecution execution = runs.awaitEnd(runs.start(request));
            int statements = counter.get();

            long commits = RunReport.chunkSteps(execution).stream().mapToLong(step -> step.getCommitCount()).sum();
            assertThat(RunReport.chunkSteps(execution).stream().mapToLong(step -> step.getWriteCount()).sum())
                    .isEqualTo(200);
            return new Count(statements, (int) commits);
        }
    }

    /** 200 accounts with a few rows in every related table and clean metadata (no warnings to insert). */
    private static void seed(JdbcTemplate jdbc) {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, profile_metadata)
                SELECT i, 1 + i % 9, 'Account ' || i, 1000, '{"assigned_csm": "Dana"}' FROM generate_series(1, 200) i""");
        jdbc.update("""
                INSERT INTO products (product_id, account_id, customer_id, product_name)
                SELECT i * 10 + j, i, 1 + i % 9, 'Product ' || j FROM generate_series(1, 200) i, generate_series(1, 2) j""");
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, category, kpi_parameter, data, impact_level)
                SELECT i * 10 + j, i, 1 + i % 9, 'Support', 'KPI ' || j, (j * 30)::text, 'high'
                FROM generate_series(1, 200) i, generate_series(1, 3) j""");
        jdbc.update("""
                INSERT INTO health_trends (trend_id, account_id, customer_id, year, month, overall_health_score)
                SELECT i, i, 1 + i % 9, 2026, 10, 70 FROM generate_series(1, 200) i""");
        jdbc.update("""
                INSERT INTO playbook_executions (id, execution_id, account_id, customer_id, playbook_id, status, started_at)
                SELECT i, 'e' || i, i, 1 + i % 9, 'pb', 'in-progress', '2026-11-01Z' FROM generate_series(1, 200) i""");
        jdbc.update("""
                INSERT INTO playbook_reports (report_id, account_id, customer_id, playbook_name, report_generated_at)
                SELECT i, i, 1 + i % 9, 'Playbook', '2026-11-01Z' FROM generate_series(1, 200) i""");
        jdbc.update("""
                INSERT INTO account_notes (note_id, account_id, customer_id, note_type, note_content, created_at)
                SELECT i * 10 + j, i, 1 + i % 9, 'call', 'Talked.', '2026-11-01Z'
                FROM generate_series(1, 200) i, generate_series(1, 2) j""");
        jdbc.update("""
                INSERT INTO playbook_triggers (trigger_id, customer_id, playbook_type, auto_trigger_enabled)
                SELECT c, c, 'renewal', true FROM generate_series(1, 9) c""");
    }

    record Count(int statements, int chunks) {
    }

    /** Wraps the DataSource so every statement the driver executes outside Spring Batch's tables is counted. */
    @Configuration(proxyBeanMethods = false)
    static class StatementCounting {

        final AtomicInteger counter = new AtomicInteger();

        @Bean
        static BeanPostProcessor countingDataSource(StatementCounting counting) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource ? counting.wrap(dataSource) : bean;
                }
            };
        }

        DataSource wrap(DataSource target) {
            return proxy(DataSource.class, target, (result, sql) -> result instanceof Connection connection
                    ? proxy(Connection.class, connection, this::wrapStatement) : result);
        }

        private Object wrapStatement(Object result, String sql) {
            if (result instanceof java.sql.PreparedStatement statement) {
                return proxy(java.sql.PreparedStatement.class, statement, counted(sql));
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, counted(null));
            }
            return result;
        }

        private Wrapper counted(String preparedSql) {
            return new Wrapper() {
                @Override
                public Object after(Object result, String sql) {
                    return result;
                }

                @Override
                public void executing(String method, String sql) {
                    String text = sql != null ? sql : preparedSql;
                    if (method.startsWith("execute") && text != null
                            && !text.toLowerCase(Locale.ROOT).contains("batch_")) {
                        counter.incrementAndGet();
                    }
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T target, Wrapper wrapper) {
            return (T) Proxy.newProxyInstance(StatementCounting.class.getClassLoader(), new Class<?>[] {type},
                    (self, method, args) -> {
                        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                        wrapper.executing(method.getName(), sql);
                        try {
                            return wrapper.after(method.invoke(target, args), sql);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getTargetException();
                        }
                    });
        }

        interface Wrapper {

            Object after(Object result, String sql);

            default void executing(String method, String sql) {
            }
        }
    }
}
