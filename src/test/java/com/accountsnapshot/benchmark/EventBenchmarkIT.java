package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.cli.Broker;
import com.accountsnapshot.cli.JarProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static com.accountsnapshot.benchmark.BenchmarkLines.single;
import static com.accountsnapshot.benchmark.BenchmarkLines.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events benchmark as operators run it, {@code java -jar account-snapshot.jar benchmark events}, small, on a
 * database of its own (created beside the test database, dropped afterwards): every way in and one burst are
 * measured, every event of the burst has its snapshot, and its serve processes and its rows are gone afterwards.
 * What it prints, never how fast anything was.
 */
class EventBenchmarkIT {

    static final Pattern SERVE = Pattern.compile("^(intake|burst 1s): serve \\(pid ([0-9]+), port [0-9]+, .*");

    static final String LAST_LINE = "events_per_s outbox=[0-9.]+ outbox_batch=[0-9.]+ amqp=[0-9.]+ http=[0-9.]+ "
            + "http_single=[0-9.]+ latency_p50_s 1s=[0-9.]+";

    static JdbcTemplate server;

    static String database;

    static JdbcTemplate benchmarkDatabase;

    private JarProcess benchmark;

    @BeforeAll
    static void databaseOfItsOwn() {
        server = new JdbcTemplate(new DriverManagerDataSource(TestDatabase.url(), TestDatabase.username(), ""));
        database = server.queryForObject("SELECT current_database()", String.class) + "_events_benchmark";
        server.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        server.execute("CREATE DATABASE \"" + database + "\"");
        benchmarkDatabase = new JdbcTemplate(new DriverManagerDataSource(url(), TestDatabase.username(), ""));
    }

    @AfterAll
    static void dropDatabase() {
        server.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
    }

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        if (benchmark != null && benchmark.isAlive()) {
            benchmark.terminate();
            benchmark.awaitExit(Duration.ofMinutes(1));
        }
        if (benchmark != null) {
            servePids(benchmark.out()).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void measuresEveryWayInAndABurstThenLeavesNoServeAndNoEvents() throws Exception {
        Broker.requireOrSkip();

        benchmark = JarProcess.start("benchmark", "events", "--accounts=40", "--events=60", "--quiet-periods=1s",
                "--reset", "--spring.datasource.url=" + url(), "--spring.rabbitmq.host=" + Broker.HOST,
                "--spring.rabbitmq.port=" + Broker.PORT);

        assertThat(benchmark.awaitExit(Duration.ofMinutes(8))).as(benchmark.out() + benchmark.err()).isZero();
        List<String> lines = benchmark.out().lines().filter(line -> !line.matches("^[0-9]{4}-[0-9]{2}-.*")).toList();
        assertThat(single(lines, "prepare: generated ")).startsWith("prepare: generated 40 accounts of ");
        for (String path : List.of("outbox ", "outbox-batch ", "amqp ", "http ", "http-single ")) {
            assertThat(values(single(lines, "intake " + path))).containsOnlyKeys("events", "seconds", "events_per_s")
                    .containsEntry("events", 60.0);
        }
        assertThat(values(single(lines, "burst 1s "))).containsEntry("events", 60.0)
                .containsEntry("without_snapshot", 0.0)
                .containsOnlyKeys("events", "inserted_in_s", "accounts", "batches", "runs", "latency_p50_s",
                        "latency_p99_s", "latency_max_s", "without_snapshot");
        assertThat(lines.get(lines.size() - 1)).matches(LAST_LINE);
        assertThat(servePids(benchmark.out())).hasSize(2)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(benchmarkDatabase.queryForObject("SELECT count(*) FROM snapshot_events", Long.class)).isZero();
        assertThat(benchmarkDatabase.queryForObject("SELECT count(*) FROM batch_job_instance", Long.class)).isZero();
        assertThat(benchmarkDatabase.queryForObject("SELECT count(*) FROM account_snapshots", Long.class)).isZero();
    }

    private static List<Long> servePids(String output) {
        return output.lines().map(SERVE::matcher).filter(Matcher::matches)
                .map(matcher -> Long.valueOf(matcher.group(2))).toList();
    }

    /** The benchmark database's URL: the test database's, with the other database name. */
    private static String url() {
        Matcher matcher = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)").matcher(TestDatabase.url());
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a PostgreSQL URL: " + TestDatabase.url());
        }
        return matcher.group(1) + database + matcher.group(3);
    }
}
