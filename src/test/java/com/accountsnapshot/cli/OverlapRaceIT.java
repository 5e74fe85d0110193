package com.accountsnapshot.cli;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overlap guard between processes, in a real race: two {@code serve} processes of the packaged jar are each
 * asked for a portfolio run at once, 20 rounds ({@code -Drace.rounds}). In each round the test holds the job
 * repository's execution table locked until both launches are waiting at the guard (one on the guard's advisory
 * lock, the other on the table inside it; without the advisory lock, both on the table), then lets them go at the
 * same instant: exactly one run starts, the other launch is refused naming it.
 */
class OverlapRaceIT {

    static final int ACCOUNTS = 100;

    /** {@code -Drace.rounds}, default 20. */
    static final int ROUNDS = Integer.getInteger("race.rounds", 20);

    static final Instant FIRST_AS_OF = Instant.parse("2026-11-01T00:00:00Z");

    static JdbcTemplate jdbc;

    private final List<ServeProcess> servers = new java.util.ArrayList<>();

    @BeforeAll
    static void migrateAndSeed() {
        jdbc = ProcessPortfolio.migrateAndSeed(ACCOUNTS);
    }

    @BeforeEach
    void forgetSnapshots() {
        SnapshotCleanup.truncate(jdbc, "snapshot_run_issues");
        new TestPortfolio(jdbc).cleanJobRepository();
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (ServeProcess server : servers) {
            if (server.process.isAlive()) {
                server.process.kill();
            }
        }
    }

    @Test
    void twoProcessesReleasedTogetherAtTheGuardStartExactlyOneRunPerRound() throws Exception {
        // the schedule and the dead-run check of serve stay out of the way of the test's locks
        ServeProcess first = started("--account-snapshot.runs.auto-recover=false",
                "--account-snapshot.schedule.enabled=false");
        ServeProcess second = started("--account-snapshot.runs.auto-recover=false",
                "--account-snapshot.schedule.enabled=false");

        for (int round = 0; round < ROUNDS; round++) {
            CompletableFuture<HttpResponse<String>> one;
            CompletableFuture<HttpResponse<String>> other;
            try (Connection lock = jdbc.getDataSource().getConnection()) {
                lock.setAutoCommit(false);
                lock.createStatement().execute("LOCK TABLE batch_job_execution IN ACCESS EXCLUSIVE MODE");
                one = first.create(portfolioAsOf(round, 0));
                other = second.create(portfolioAsOf(round, 1));
                await("round " + round + ": both launches waiting at the guard").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(20)).until(() -> waitingLaunches() == 2);

                lock.rollback();
            }

            List<HttpResponse<String>> answers = List.of(one.get(2, TimeUnit.MINUTES), other.get(2, TimeUnit.MINUTES));
            assertThat(answers).as("round " + round + ": " + answers.stream().map(HttpResponse::body).toList())
                    .extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
            // one execution more than before the round: the run it started (already ended, perhaps)
            List<Long> executions = jdbc.queryForList(
                    "SELECT job_execution_id FROM batch_job_execution ORDER BY job_execution_id", Long.class);
            assertThat(executions).as("round " + round).hasSize(round + 1);
            List<Long> started = List.of(executions.get(round));
            HttpResponse<String> refused = answers.stream().filter(answer -> answer.statusCode() == 409).findFirst()
                    .orElseThrow();
            assertThat(refused.body()).contains("Execution " + started.get(0) + " is running on an overlapping scope");
            await("the round's run").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> status(started.get(0)).equals("COMPLETED"));
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(ROUNDS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution WHERE status = 'COMPLETED'",
                Integer.class)).isEqualTo(ROUNDS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class))
                .isEqualTo(ROUNDS * ACCOUNTS);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT (job_instance_id, account_id)) FROM account_snapshots",
                Integer.class)).isEqualTo(ROUNDS * ACCOUNTS);
    }

    private ServeProcess started(String... options) throws Exception {
        ServeProcess server = ServeProcess.start(options);
        servers.add(server);
        return server;
    }

    /** A portfolio run as of a second of its own: the round's minute, and which process asks. */
    private static String portfolioAsOf(int round, int process) {
        return "{\"as_of\":\"" + FIRST_AS_OF.plusSeconds(60L * round + process) + "\"}";
    }

    /**
     * The launches waiting at the guard: on its advisory lock, or on the locked table in its check of the running
     * scopes (other statements waiting on the table, such as a report read after the previous round's run, do not
     * count).
     */
    private static int waitingLaunches() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'
                  AND (query LIKE 'SELECT pg_advisory_lock(%' OR query LIKE '%parameter_name = ''eventBatchId''%')""",
                Integer.class);
    }

    private static String status(long executionId) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                executionId);
    }
}
