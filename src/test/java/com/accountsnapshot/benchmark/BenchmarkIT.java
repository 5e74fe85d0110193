package com.accountsnapshot.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.cli.Broker;
import com.accountsnapshot.cli.JarProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static com.accountsnapshot.benchmark.BenchmarkLines.single;
import static com.accountsnapshot.benchmark.BenchmarkLines.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark as operators run it, {@code java -jar account-snapshot.jar benchmark}, on a database of its
 * own (created beside the test database, dropped afterwards): with a broker, contender e starts two worker
 * processes of the jar, both run partitions, and the workers and their queue are gone afterwards; without
 * one, e is skipped with the address it tried and the rest of the benchmark runs as before. The test with a
 * broker is skipped when none answers, unless {@code ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true} (CI sets it).
 */
class BenchmarkIT {

    static final String LAST_LINE = "ratio_vs_sql=[0-9]+\\.[0-9]{2} ratio_vs_naive=[0-9]+\\.[0-9]{2} "
            + "accounts_per_s=[0-9]+\\.[0-9]{2}";

    static final Pattern WORKERS_LINE = Pattern.compile("e: 2 workers \\(pids ([0-9]+), ([0-9]+)\\) of (.+) "
            + "listening on queue (account-snapshot\\.benchmark\\.[0-9a-f-]{36}) after [0-9]+\\.[0-9] s "
            + "\\(not measured\\)");

    static JdbcTemplate server;

    static String database;

    static JdbcTemplate benchmarkDatabase;

    private JarProcess benchmark;

    @BeforeAll
    static void databaseOfItsOwn() {
        server = new JdbcTemplate(new DriverManagerDataSource(TestDatabase.url(), TestDatabase.username(), ""));
        database = server.queryForObject("SELECT current_database()", String.class) + "_benchmark";
        server.execute("DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
        server.execute("CREATE DATABASE " + quoted(database));
        benchmarkDatabase = new JdbcTemplate(new DriverManagerDataSource(url(), TestDatabase.username(), ""));
    }

    @AfterAll
    static void dropDatabase() {
        server.execute("DROP DATABASE IF EXISTS " + quoted(database) + " WITH (FORCE)");
    }

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        if (benchmark != null && benchmark.isAlive()) {
            benchmark.terminate();
            benchmark.awaitExit(Duration.ofMinutes(1));
        }
        if (benchmark != null) {
            workerPids(benchmark.out()).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void withTwoWorkersContenderEPartitionsAcrossBothAndCleansUp() throws Exception {
        Broker.requireOrSkip();
        int grid = Math.max(Runtime.getRuntime().availableProcessors(), 2);

        benchmark = JarProcess.start("benchmark", "--accounts=300", "--naive-sample=50", "--workers=2", "--reset",
                "--spring.datasource.url=" + url());

        assertThat(benchmark.awaitExit(Duration.ofMinutes(10))).as(benchmark.out() + benchmark.err()).isZero();
        List<String> lines = lines(benchmark.out());
        assertThat(lines).anyMatch(line -> line.startsWith("measuring in the order d, c, a, b, e; "))
                .noneMatch(line -> line.startsWith("e skipped"))
                .contains("note: e runs the manager and its 2 workers on this one machine: it shows the broker's "
                        + "and the extra JVMs' overhead, not a speed-up; workers on separate machines add their cores");
        Matcher workers = WORKERS_LINE.matcher(single(lines, "e: "));
        assertThat(workers.matches()).as(single(lines, "e: ")).isTrue();
        assertThat(Path.of(workers.group(3))).isEqualTo(Path.of("target", "account-snapshot.jar").toAbsolutePath());
        String e = single(lines, "e job-remote ");
        assertThat(values(e)).containsEntry("accounts", 300.0).containsEntry("workers", 2.0)
                .containsEntry("worker_concurrency", 1.0).containsEntry("grid", (double) grid)
                .containsEntry("poll_interval_ms", 100.0).containsEntry("step_executions", grid + 1.0);
        Matcher partitions = Pattern.compile(".* worker_partitions=([0-9]+),([0-9]+)$").matcher(e);
        assertThat(partitions.matches()).as(e).isTrue();
        int first = Integer.parseInt(partitions.group(1));
        int second = Integer.parseInt(partitions.group(2));
        assertThat(first).as("partitions run by worker 1").isPositive();
        assertThat(second).as("partitions run by worker 2").isPositive();
        assertThat(first + second).isEqualTo(grid);
        assertThat(values(single(lines, "ratios "))).containsOnlyKeys("a/d", "b/d", "a/c", "b/c", "e/d", "e/c", "e/b")
                .allSatisfy((name, ratio) -> assertThat(ratio).as(name).isPositive());
        assertThat(lastLine(benchmark.out())).matches(LAST_LINE);
        assertThat(workerPids(benchmark.out())).hasSize(2)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(queueExists(workers.group(4))).as("queue " + workers.group(4) + " deleted").isFalse();
        assertThat(benchmarkDatabase.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_execution_id > 0",
                Long.class)).isZero();
        assertThat(benchmarkDatabase.queryForObject("SELECT count(*) FROM batch_job_instance", Long.class)).isZero();
    }

    @Test
    void withoutABrokerContenderEIsSkippedAndTheOthersRunAsBefore() throws Exception {
        int port = closedPort();

        benchmark = JarProcess.start("benchmark", "--accounts=100", "--naive-sample=20", "--reset",
                "--spring.datasource.url=" + url(), "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + port);

        assertThat(benchmark.awaitExit(Duration.ofMinutes(10))).as(benchmark.out() + benchmark.err()).isZero();
        List<String> lines = lines(benchmark.out());
        assertThat(lines).contains("e skipped: no RabbitMQ broker at 127.0.0.1:" + port + " (spring.rabbitmq.host "
                        + "and port, or SPRING_RABBITMQ_HOST and SPRING_RABBITMQ_PORT)")
                .anyMatch(line -> line.startsWith("measuring in the order d, c, a, b; "))
                .noneMatch(line -> line.startsWith("e job-remote") || line.startsWith("e: "));
        for (String contender : List.of("a job-default ", "b job-single-step ", "d sql-insert-select ")) {
            assertThat(values(single(lines, contender))).containsEntry("accounts", 100.0);
        }
        assertThat(values(single(lines, "c naive "))).containsEntry("accounts", 20.0);
        assertThat(values(single(lines, "ratios "))).containsOnlyKeys("a/d", "b/d", "a/c", "b/c");
        assertThat(lastLine(benchmark.out())).matches(LAST_LINE);
    }

    /** The benchmark database's URL: the test database's, with the other database name. */
    private static String url() {
        Matcher matcher = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)").matcher(TestDatabase.url());
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a PostgreSQL URL: " + TestDatabase.url());
        }
        return matcher.group(1) + database + matcher.group(3);
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static List<Long> workerPids(String output) {
        List<Long> pids = new ArrayList<>();
        output.lines().map(WORKERS_LINE::matcher).filter(Matcher::matches).forEach(matcher -> {
            pids.add(Long.valueOf(matcher.group(1)));
            pids.add(Long.valueOf(matcher.group(2)));
        });
        return pids;
    }

    /** The last line of standard output, log lines included. */
    private static String lastLine(String output) {
        List<String> lines = output.lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** The benchmark's own lines: standard output without the log lines interleaved in it. */
    private static List<String> lines(String output) {
        return output.lines().filter(line -> !line.matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T.*")).toList();
    }

    private static boolean queueExists(String queue) {
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(Broker.HOST, Broker.PORT);
        try {
            return new RabbitAdmin(connectionFactory).getQueueInfo(queue) != null;
        }
        finally {
            connectionFactory.destroy();
        }
    }

    /** A local port nothing listens on (free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
