package com.accountsnapshot.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database server stopped in the middle of a run, not only its sessions killed: a PostgreSQL of the test's
 * own (the product's embedded server, in {@code target/outage-postgres} on a free port) is shut down and started
 * again later, with the processes of the packaged jar running against it. The outage lasts
 * {@code -Doutage.seconds} (default 60).
 * <ul>
 * <li>SIGTERM to a {@code run} during the outage: the process exits 1 once the shutdown timeout has passed,
 * telling what to do; with the database back, recover and restart complete the run, every account once.
 * <li>A scheduled run inside {@code serve} during the outage: the run ends while the database is still down,
 * {@code serve} answers its health check all along (DOWN), and once the database is back it is UP again, marks
 * the run FAILED and restarts it by itself; the restart completes, every account once.
 * </ul>
 */
class DatabaseStopIT {

    static final int ACCOUNTS = 3_000;

    static final String CHUNK = "--account-snapshot.job.chunk-size=100";

    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 60));

    static final Path DATA = Path.of("target", "outage-postgres");

    static final List<String> LEASE = List.of("--account-snapshot.runs.heartbeat-interval=1s",
            "--account-snapshot.runs.heartbeat-timeout=3s");

    static int port;

    static EmbeddedPostgresServer server;

    static JdbcTemplate jdbc;

    private final List<JarProcess> processes = new ArrayList<>();

    @BeforeAll
    static void ownServer() throws IOException {
        FileSystemUtils.deleteRecursively(DATA.toFile());
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = EmbeddedPostgresServer.startOrAttach(DATA, port);
        jdbc = ProcessPortfolio.migrateAndSeed(server.jdbcUrl(), server.username(), ACCOUNTS);
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    @BeforeEach
    void forgetSnapshots() {
        SnapshotCleanup.truncate(jdbc, "snapshot_run_issues", "snapshot_run_leases");
        new TestPortfolio(jdbc).cleanJobRepository();
    }

    @AfterEach
    void killProcesses() throws Exception {
        for (JarProcess process : processes) {
            if (process.isAlive()) {
                process.kill();
            }
        }
        if (!EmbeddedPostgresServer.answers(port)) {
            server = EmbeddedPostgresServer.startOrAttach(DATA, port);
        }
    }

    @Test
    void sigtermDuringAnOutageExitsOneOnceTheShutdownTimeoutHasPassed() throws Exception {
        JarProcess run = started(JarProcess.startOn(server.jdbcUrl(), server.username(), with("run",
                "--as-of=2026-11-28T00:00:00Z", CHUNK, "--account-snapshot.shutdown-timeout=5s")));
        long id = awaitCommittedChunks(run);

        server.close();
        long stopped = System.nanoTime();
        run.terminate();
        int exitCode = run.awaitExit(Duration.ofMinutes(2));
        long exitedAfter = Duration.ofNanos(System.nanoTime() - stopped).toMillis();

        assertThat(exitCode).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).contains("Execution " + id + " did not stop within PT5S: exiting; recover it, then "
                + "restart it");
        System.out.printf("[figures] SIGTERM during an outage: exit code %d %d ms after the signal "
                + "(shutdown timeout 5 s)%n", exitCode, exitedAfter);

        server = EmbeddedPostgresServer.startOrAttach(DATA, port);
        RunLeases.awaitDeadLease(jdbc, id, Duration.ofSeconds(3));
        JarProcess recover = JarProcess.startOn(server.jdbcUrl(), server.username(), with("recover",
                String.valueOf(id)));
        assertThat(recover.awaitExit(Duration.ofMinutes(2))).as(recover.out() + recover.err()).isZero();
        JarProcess restart = JarProcess.startOn(server.jdbcUrl(), server.username(), with("restart",
                String.valueOf(id), CHUNK));
        assertThat(restart.awaitExit(Duration.ofMinutes(3))).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("COMPLETED");
        assertExactlyOnce();
    }

    @Test
    void serveAnswersThroughAnOutageAndRecoversAndRestartsTheRunByItselfWhenTheDatabaseIsBack() throws Exception {
        // one step: each write of the job repository that fails waits the pool's 10 s connection timeout, and a
        // partitioned run has three more of them (its partitions' and their manager's) than a 60 s outage leaves room for
        ServeProcess serve = ServeProcess.startOn(server.jdbcUrl(), server.username(), with(
                "--account-snapshot.runs.auto-restart-backoff=1s", "--account-snapshot.schedule.enabled=false", CHUNK,
                "--account-snapshot.job.partitioned=false"));
        started(serve.process);
        HttpResponse<String> accepted = serve.create(
                "{\"as_of\":\"2026-11-29T00:00:00Z\",\"snapshot_type\":\"scheduled\"}").get();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long id = awaitCommittedChunks(serve.process);

        server.close();
        long stopped = System.nanoTime();
        // the run's thread has ended when it gives up its lease, which it cannot while the database is down
        String runEnded = "Could not release the lease of execution " + id + ":";
        long runEndedAfter = -1;
        int healthChecks = 0;
        long slowestHealth = 0;
        while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
            long asked = System.nanoTime();
            HttpResponse<String> health = serve.get("/actuator/health", Duration.ofSeconds(15));
            slowestHealth = Math.max(slowestHealth, Duration.ofNanos(System.nanoTime() - asked).toMillis());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"");
            healthChecks++;
            if (runEndedAfter < 0 && serve.process.out().contains(runEnded)) {
                runEndedAfter = Duration.ofNanos(System.nanoTime() - stopped).toSeconds();
            }
            Thread.sleep(1000);
        }
        String duringOutage = serve.process.out();
        server = EmbeddedPostgresServer.startOrAttach(DATA, port);
        long restarted = System.nanoTime();

        assertThat(serve.process.isAlive()).isTrue();
        assertThat(duringOutage).as("the run ended while the database was down").contains(runEnded);
        await("health UP again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> serve.get("/actuator/health", Duration.ofSeconds(20)).statusCode() == 200);
        long upAfter = Duration.ofNanos(System.nanoTime() - restarted).toMillis();
        await("the run recovered and restarted by serve").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject("""
                        SELECT count(*) FROM batch_job_execution e
                        WHERE e.job_instance_id =
                              (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
                          AND e.status = 'COMPLETED'""", Integer.class, id) == 1);
        assertThat(status(id)).isEqualTo("FAILED");
        assertThat(serve.process.out()).contains("Execution " + id + " was left running by a process that is gone; "
                + "marked FAILED").contains("Execution " + id + " (recovered after its process was gone) restarted as "
                + "execution ");
        assertExactlyOnce();
        System.out.printf("[figures] database stopped %d s mid-run: the run ended within %d s, serve answered %d "
                + "health checks (DOWN, the slowest in %d ms), UP %d ms after the database was back%n",
                OUTAGE.toSeconds(), runEndedAfter, healthChecks, slowestHealth, upAfter);
    }

    private JarProcess started(JarProcess process) {
        processes.add(process);
        return process;
    }

    /** Waits until the run has committed a few chunks and returns its execution id. */
    private static long awaitCommittedChunks(JarProcess process) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended early: " + process.out() + process.err());
            }
            Integer written = jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class);
            return written != null && written >= 300;
        });
        return jdbc.queryForObject("SELECT max(job_execution_id) FROM account_snapshots", Long.class);
    }

    private static String status(long executionId) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                executionId);
    }

    private static void assertExactlyOnce() {
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT account_id) FROM account_snapshots", Integer.class))
                .isEqualTo(ACCOUNTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(ACCOUNTS);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT job_instance_id) FROM account_snapshots", Integer.class))
                .isEqualTo(1);
    }

    private static String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(LEASE);
        return all.toArray(String[]::new);
    }
}
