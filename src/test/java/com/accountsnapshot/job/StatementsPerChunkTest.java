package com.accountsnapshot.job;

import java.util.Map;

import javax.sql.DataSource;

import com.accountsnapshot.AccountSnapshotApplication;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.benchmark.StatementCounter;
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
        // per chunk: one page of accounts, the 8 enrichment queries, one insert of the chunk's snapshots
        assertThat(JdbcAccountContextLoader.QUERIES_PER_CHUNK).isEqualTo(8);
        assertThat(perChunk).isEqualTo(10);
        // per run: the launch lock and unlock, the audit row of the start, the run's lease taken and given up, the
        // partition of the as-of's month made sure of, the KPI reference ranges, and the last, empty page of accounts
        assertThat(perRun).isEqualTo(8);
        assertThat(small.statements()).isEqualTo(perRun + 20 * perChunk);
    }

    @Test
    void partitionedStepKeepsTheSameStatementsPerChunk() throws Exception {
        Count small = runWithChunkSize(10, "--account-snapshot.job.partitioned=true", "--account-snapshot.job.threads=2");
        Count large = runWithChunkSize(200, "--account-snapshot.job.partitioned=true",
                "--account-snapshot.job.threads=2");

        assertThat(small.chunks()).isEqualTo(20);
        assertThat(large.chunks()).isEqualTo(2);
        int perChunk = 1 + 8 + 1;
        // per run: the launch lock and unlock, the audit row, the lease taken and given up, the as-of's month, and
        // the partitioner's query; per partition the KPI reference ranges; with chunks of 10 each partition of 100 accounts ends on a
        // full page, so its reader asks once more and gets an empty page
        assertThat(small.statements()).isEqualTo(2 + 1 + 2 + 1 + 1 + 2 + 20 * perChunk + 2);
        assertThat(large.statements()).isEqualTo(2 + 1 + 2 + 1 + 1 + 2 + 2 * perChunk);
    }

    private static Count runWithChunkSize(int chunkSize, String... arguments) throws Exception {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "--account-snapshot.job.chunk-size=" + chunkSize,
                // no heartbeat falls inside a run, however slow the machine: a renewal is a statement too
                "--account-snapshot.runs.heartbeat-interval=1h", "--account-snapshot.runs.heartbeat-timeout=2h"),
                java.util.stream.Stream.of(arguments))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountSnapshotApplication.class,
                StatementCounting.class).web(WebApplicationType.NONE).run(args)) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            seed(jdbc);
            SnapshotRuns runs = context.getBean(SnapshotRuns.class);
            SnapshotRequest request = runs.request(Map.of("asOf", "2026-11-28T00:00:00Z"));
            StatementCounter counter = context.getBean(StatementCounting.class).counter;

            counter.reset();
            JobExecution execution = runs.awaitEnd(runs.start(request));
            int statements = (int) counter.count();

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

        final StatementCounter counter = new StatementCounter();

        @Bean
        static BeanPostProcessor countingDataSource(StatementCounting counting) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource dataSource ? counting.counter.wrap(dataSource) : bean;
                }
            };
        }
    }
}
