package com.accountsnapshot.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.accountsnapshot.benchmark.BenchmarkLines.single;
import static com.accountsnapshot.benchmark.BenchmarkLines.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole benchmark on a small portfolio, through its Java entry point: what it prints, never how fast
 * anything was.
 */
@SpringBootTest(properties = BenchmarkTestProperties.SMALL_POOL)
class BenchmarkTest {

    @Autowired
    Benchmark benchmark;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void printsEveryMeasurementTheRatiosAndTheSummaryLineLast() throws Exception {
        // given
        new TestPortfolio(jdbc).clean().account(1, 1, "Already there", "1.00", "active", null);
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        // when
        benchmark.run(new BenchmarkOptions(300, 42, 50, true, 2), new PrintStream(output, true, StandardCharsets.UTF_8));

        // then
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("e skipped: not run from a jar (its workers are started as java -jar <this jar> "
                + "worker); this benchmark runs from " + Path.of("target", "classes").toAbsolutePath())
                .anyMatch(line -> line.startsWith("measuring in the order d, c, a, b; "))
                .noneMatch(line -> line.startsWith("e job-remote"));
        assertThat(lines).anyMatch(line -> line.startsWith("prepare: --reset"))
                .anyMatch(line -> line.startsWith("prepare: generated 300 accounts"))
                .anyMatch(line -> line.startsWith("prepare: history: "))
                .anyMatch(line -> line.matches("storage: 300 snapshots in [0-9]+ partitions: [1-9][0-9]* bytes per "
                        + "snapshot \\(table with TOAST [1-9][0-9]*, indexes [1-9][0-9]*; [0-9.]+ MB in all\\)"));
        Map<String, Double> a = measurement(lines, "a job-default", 300);
        Map<String, Double> b = measurement(lines, "b job-single-step", 300);
        Map<String, Double> c = measurement(lines, "c naive", 50);
        assertThat(a.get("statements_per_chunk")).isPositive();
        assertThat(b.get("statements_per_chunk")).isPositive();
        assertThat(b.get("threads")).isEqualTo(1);
        assertThat(b.get("step_executions")).isEqualTo(1);
        assertThat(a.get("jvm_cpu_s_per_thousand")).isPositive();
        assertThat(a.get("pg_cpu_s_per_thousand")).isPositive();
        Map<String, Double> d = measurement(lines, "d sql-insert-select", 300);
        assertThat(d.get("pg_cpu_s_per_thousand")).isPositive();
        // every contender writes each snapshot's row (about 1 kB of columns, its JSON values compressed or not)
        // with its index entries and head to the log: more than half a kilobyte a snapshot
        assertThat(List.of(a, b, c, d)).allSatisfy(contender -> assertThat(contender.get("wal_bytes_per_snapshot"))
                .isGreaterThan(500.0));
        assertThat(c.get("statements_per_account")).isGreaterThanOrEqualTo(11);
        assertThat(values(single(lines, "ratios "))).containsOnlyKeys("a/d", "b/d", "a/c", "b/c")
                .allSatisfy((name, ratio) -> assertThat(ratio).isPositive());
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("ratio_vs_sql=[0-9]+\\.[0-9]{2} ratio_vs_naive=[0-9]+\\.[0-9]{2} "
                + "accounts_per_s=[0-9]+\\.[0-9]{2}");
        assertThat(values(last)).allSatisfy((name, value) -> assertThat(value).isPositive());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_execution_id > 0",
                Long.class)).as("measured runs cleaned up").isZero();
    }

    @Test
    void measuresTheJobAfterOneMonthAndAfterManyMonthsOfHistory() throws Exception {
        // given: no run of another test as of the benchmark's instant holds its runs back
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        // when
        benchmark.run(new BenchmarkOptions(40, 42, 5, true, 0, 3), new PrintStream(output, true,
                StandardCharsets.UTF_8));

        // then
        List<String> lines = output.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("history: 1 month: 40 snapshots (one per account) at "
                        + "2026-10-15T00:00:00Z"))
                .anyMatch(line -> line.startsWith("history: 3 months: 120 snapshots (one per account and month)"))
                .anyMatch(line -> line.startsWith("storage: 40 snapshots in "))
                .anyMatch(line -> line.startsWith("storage: 120 snapshots in "))
                .noneMatch(line -> line.startsWith("d sql-insert-select"));
        measurement(lines, "a history-warm-up", 40);
        measurement(lines, "a history-1-month", 40);
        measurement(lines, "a history-3-months", 40);
        assertThat(lines.stream().filter(line -> line.startsWith("a history-")).map(line -> line.split(" ")[1]))
                .containsExactly("history-warm-up", "history-1-month", "history-3-months");
        assertThat(lines.get(lines.size() - 1)).matches("history ratio 3 months / 1 month: [0-9]+\\.[0-9]{3} "
                + "\\(accounts_per_s [0-9.]+ and [0-9.]+\\)");
        // the history as generated: each account's three months, numbered in time order, its head the latest
        assertThat(jdbc.queryForList("""
                SELECT month || ' ' || snapshot_sequence_number || ' ' || count(*)
                FROM (SELECT to_char(snapshot_timestamp AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
                             snapshot_sequence_number FROM account_snapshots) s
                GROUP BY month, snapshot_sequence_number ORDER BY month""", String.class))
                .containsExactly("2026-08 1 40", "2026-09 2 40", "2026-10 3 40");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshot_heads
                WHERE snapshot_sequence_number = 3 AND prior_sequence_number = 2""", Long.class)).isEqualTo(40);
    }

    @Test
    void refusesADatabaseThatHoldsAccountsWithoutReset() {
        // given
        new TestPortfolio(jdbc).clean().account(1, 1, "Someone's data", "1.00", "active", null);

        // when / then
        assertThatThrownBy(() -> benchmark.run(new BenchmarkOptions(10, 1, 5, false, 2),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds 1 accounts")
                .hasMessageContaining("--reset");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM accounts", Long.class)).isOne();
    }

    @Test
    void readsItsOptionsWithDefaults() {
        assertThat(BenchmarkOptions.parse(Map.of())).isEqualTo(new BenchmarkOptions(100_000, 42, 2_000, false, 2));
        assertThat(BenchmarkOptions.parse(Map.of("accounts", "300", "seed", "-7", "naive-sample", "50",
                "reset", "true", "workers", "0"))).isEqualTo(new BenchmarkOptions(300, -7, 50, true, 0));
        assertThatThrownBy(() -> BenchmarkOptions.parse(Map.of("accounts", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--accounts");
        assertThatThrownBy(() -> BenchmarkOptions.parse(Map.of("naive-sample", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--naive-sample");
        assertThat(BenchmarkOptions.parse(Map.of("history-months", "24")))
                .isEqualTo(new BenchmarkOptions(100_000, 42, 2_000, false, 2, 24));
        assertThatThrownBy(() -> BenchmarkOptions.parse(Map.of("history-months", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--history-months: give 2 to 120 months (or 0, the default, for the contenders), not 1");
        assertThatThrownBy(() -> BenchmarkOptions.parse(Map.of("workers", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--workers: '-1' is not a whole number from 0 to 32");
    }

    /**
     * The measurement line that starts with {@code prefix}: its numbers are positive, its count as given. A CPU
     * figure may be zero: the clock counts in ticks, and statement d's JVM only waits for its one statement.
     */
    private static Map<String, Double> measurement(List<String> lines, String prefix, long accounts) {
        Map<String, Double> values = values(single(lines, prefix + " "));
        assertThat(values).containsKeys("accounts", "seconds", "accounts_per_s", "peak_heap_mb")
                .allSatisfy((name, value) -> {
                    if (name.endsWith("_cpu_s_per_thousand")) {
                        assertThat(value).as(prefix + " " + name).isNotNegative();
                    }
                    else {
                        assertThat(value).as(prefix + " " + name).isPositive();
                    }
                });
        assertThat(values.get("accounts")).isEqualTo(accounts);
        return values;
    }
}
