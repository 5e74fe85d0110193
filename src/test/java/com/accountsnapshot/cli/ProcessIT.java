package com.accountsnapshot.cli;

import java.net.InetAddress;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs that end badly, with the packaged jar as real processes: killed with SIGKILL mid-run (recover once its
 * lease has timed out, then restart), alive but held by a lock (recover refused), sent SIGTERM mid-run (STOPPED, then restart), two processes launching overlapping runs at once,
 * and the command line's refusals and exit codes.
 */
class ProcessIT {

    static final int ACCOUNTS = 16_000;

    static final String CHUNK = "--account-snapshot.job.chunk-size=100";

    /** Leases renewed every second, dead after 3 s without renewal: every process of a test judges alike. */
    static final String[] LEASE = { "--account-snapshot.runs.heartbeat-interval=1s",
            "--account-snapshot.runs.heartbeat-timeout=3s" };

    static JdbcTemplate jdbc;

    @BeforeAll
    static void migrateAndSeed() {
        jdbc = ProcessPortfolio.migrateAndSeed(ACCOUNTS);
    }

    @BeforeEach
    void forgetSnapshots() {
        SnapshotCleanup.truncate(jdbc, "snapshot_run_issues");
        new TestPortfolio(jdbc).cleanJobRepository();
    }

    @Test
    void killedRunIsRecoveredThenRestartedWithEveryAccountExactlyOnce() throws Exception {
        JarProcess run = JarProcess.start(with(LEASE, "run", "--as-of=2026-11-28T00:00:00Z", CHUNK));
        long id = awaitCommittedChunks(run);

        run.kill();
        RunLeases.awaitDeadLease(jdbc, id, Duration.ofSeconds(3));

        assertThat(status(id)).isEqualTo("STARTED");
        int committed = snapshots(id);
        assertThat(committed % 100).isZero();
        assertThat(committed).isBetween(100, ACCOUNTS - 1);
        JarProcess tooEarly = JarProcess.run("restart", String.valueOf(id));
        assertThat(tooEarly.exitCode()).as(tooEarly.out() + tooEarly.err()).isEqualTo(2);
        assertThat(tooEarly.err()).contains("Execution " + id + " is STARTED; only a FAILED or STOPPED run can be "
                + "restarted");
        JarProcess blocked = JarProcess.run(with(LEASE, "run", "--account-id=7"));
        assertThat(blocked.exitCode()).as(blocked.out() + blocked.err()).isEqualTo(3);
        assertThat(blocked.err()).contains("Execution " + id + " on an overlapping scope crashed at ")
                .contains(", last heartbeat from host " + InetAddress.getLocalHost().getHostName() + " pid "
                        + run.pid() + " (instance ")
                .contains("run `recover " + id + "`, then `restart " + id + "`; account 7 was not started");

        JarProcess recover = JarProcess.run(with(LEASE, "recover", String.valueOf(id)));
        assertThat(recover.exitCode()).as(recover.out() + recover.err()).isZero();
        assertThat(status(id)).isEqualTo("FAILED");
        JarProcess restart = JarProcess.run("restart", String.valueOf(id), CHUNK);

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("COMPLETED");
        assertExactlyOnce(id);
    }

    /**
     * A run held inside a chunk by a lock the test holds is alive (its heartbeat goes on beside the waiting
     * chunk): {@code recover} from another process refuses it, naming its owner. Once it is killed and its lease
     * has timed out, {@code recover} succeeds and {@code restart} finishes it.
     */
    @Test
    void aLiveRunIsNotRecoveredFromAnotherProcessAndAKilledOneIsOnceItsLeaseTimedOut() throws Exception {
        JarProcess run = JarProcess.start(with(LEASE, "run", "--as-of=2026-11-27T00:00:00Z", CHUNK));
        long id = awaitCommittedChunks(run);
        JarProcess refused;
        try (Connection lock = jdbc.getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE account_notes IN ACCESS EXCLUSIVE MODE");
            OffsetDateTime locked = jdbc.queryForObject("SELECT now()", OffsetDateTime.class);
            // the chunk waits on the lock; the heartbeat goes on all the same
            await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
                    "SELECT renewed_at > ? FROM snapshot_run_leases WHERE job_execution_id = ?", Boolean.class,
                    locked, id));

            refused = JarProcess.run(with(LEASE, "recover", String.valueOf(id)));

            run.kill();
            lock.rollback();
        }

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).startsWith("Refused: Execution " + id + " is alive: its lease is held by host "
                        + InetAddress.getLocalHost().getHostName() + " pid " + run.pid() + " (instance ")
                .contains(", last heartbeat ")
                .endsWith(" s ago; use --force if you know it is not running" + System.lineSeparator());
        assertThat(status(id)).isEqualTo("STARTED");
        RunLeases.awaitDeadLease(jdbc, id, Duration.ofSeconds(3));
        JarProcess recover = JarProcess.run(with(LEASE, "recover", String.valueOf(id)));
        assertThat(recover.exitCode()).as(recover.out() + recover.err()).isZero();
        assertThat(status(id)).isEqualTo("FAILED");
        JarProcess restart = JarProcess.run(with(LEASE, "restart", String.valueOf(id), CHUNK));
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertExactlyOnce(id);
    }

    @Test
    void sigtermStopsTheRunAfterItsChunkAndRestartFinishesIt() throws Exception {
        JarProcess run = JarProcess.start("run", "--as-of=2026-11-29T00:00:00Z", CHUNK);
        long id = awaitCommittedChunks(run);

        run.terminate();

        assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("SIGTERM: stopping execution " + id + " after its current chunk")
                .contains("execution " + id + ": STOPPED");
        assertThat(status(id)).isEqualTo("STOPPED");
        assertThat(snapshots(id) % 100).isZero();
        assertThat(snapshots(id)).isLessThan(ACCOUNTS);
        JarProcess restart = JarProcess.run("restart", String.valueOf(id), CHUNK);
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertExactlyOnce(id);
    }

    @Test
    void stopFromAnotherProcessEndsTheRunStoppedAndRestartFinishesIt() throws Exception {
        JarProcess run = JarProcess.start("run", "--as-of=2026-11-29T12:00:00Z", CHUNK);
        long id = awaitCommittedChunks(run);
        JarProcess stop;
        // the run waits on a lock the test holds, so it is still going when the stop arrives
        try (Connection lock = jdbc.getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE account_notes IN ACCESS EXCLUSIVE MODE");

            stop = JarProcess.run("stop", String.valueOf(id));

            lock.rollback();
        }

        assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
        assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.out() + run.err()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("STOPPED");
        assertThat(run.out()).contains("execution " + id + ": STOPPED");
        assertThat(snapshots(id) % 100).isZero();
        JarProcess restart = JarProcess.run("restart", String.valueOf(id), CHUNK);
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertExactlyOnce(id);
    }

    @Test
    void twoProcessesLaunchingOverlappingRunsAtOnceRunOnlyOne() throws Exception {
        JarProcess first = JarProcess.start("run", "--as-of=2026-11-30T00:00:00Z", CHUNK);
        JarProcess second = JarProcess.start("run", "--as-of=2026-11-30T00:00:01Z", CHUNK);

        int firstExit = first.awaitExit(Duration.ofMinutes(3));
        int secondExit = second.awaitExit(Duration.ofMinutes(3));

        assertThat(List.of(firstExit, secondExit)).containsExactlyInAnyOrder(0, 3);
        JarProcess loser = firstExit == 3 ? first : second;
        List<Long> executions = jdbc.queryForList("SELECT job_execution_id FROM batch_job_execution", Long.class);
        assertThat(executions).hasSize(1);
        assertThat(loser.err()).contains("Execution " + executions.get(0) + " is running on an overlapping scope");
        assertExactlyOnce(executions.get(0));
    }

    @Test
    void refusalsAreOneLineOnStandardErrorWithTheirExitCodes() throws Exception {
        JarProcess badType = JarProcess.run("run", "--type=hourly");
        JarProcess badOption = JarProcess.run("run", "--acount-id=3");
        JarProcess unknownAccount = JarProcess.run("run", "--account-id=999999999");
        JarProcess unknownExecution = JarProcess.run("restart", "987654321");
        JarProcess malformedId = JarProcess.run("stop", "abc");
        JarProcess future = JarProcess.run("run", "--as-of=9999-12-31T00:00:00Z");
        JarProcess ancient = JarProcess.run("run", "--as-of=-999999999-01-01T00:00:00Z");

        assertThat(badType.exitCode()).as(badType.out() + badType.err()).isEqualTo(2);
        assertThat(badType.err().strip()).isEqualTo("Refused: snapshotType: 'hourly' is not one of manual, "
                + "scheduled, event_driven, post_upload, post_health_calc");
        assertThat(badOption.exitCode()).as(badOption.out() + badOption.err()).isEqualTo(2);
        assertThat(badOption.err().strip()).startsWith("Refused: --acount-id: unknown option; known:");
        assertThat(unknownAccount.exitCode()).as(unknownAccount.out() + unknownAccount.err()).isEqualTo(2);
        assertThat(unknownAccount.err().strip()).isEqualTo("Refused: accountId: account 999999999 does not exist");
        assertThat(unknownExecution.exitCode()).as(unknownExecution.out() + unknownExecution.err()).isEqualTo(2);
        assertThat(unknownExecution.err().strip()).isEqualTo("Refused: No snapshot run has execution id 987654321");
        assertThat(malformedId.exitCode()).as(malformedId.out() + malformedId.err()).isEqualTo(2);
        assertThat(malformedId.err().strip()).isEqualTo("Refused: stop: 'abc' is not an execution id");
        assertThat(future.exitCode()).as(future.out() + future.err()).isEqualTo(2);
        assertThat(future.err().strip()).startsWith("Refused: asOf: the as-of instant 9999-12-31T00:00:00Z is later "
                + "than now plus 5m (").endsWith("); a snapshot of the future would hold every later run back");
        assertThat(ancient.exitCode()).as(ancient.out() + ancient.err()).isEqualTo(2);
        assertThat(ancient.err().strip()).isEqualTo("Refused: asOf: the as-of instant -999999999-01-01T00:00:00Z is "
                + "earlier than 2000-01-01T00:00:00Z (account-snapshot.job.min-as-of)");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isZero();

        JarProcess completed = JarProcess.run("run", "--account-id=42", "--as-of=2026-12-01T00:00:00Z");
        assertThat(completed.exitCode()).as(completed.out() + completed.err()).isZero();
        long id = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        JarProcess restartCompleted = JarProcess.run("restart", String.valueOf(id));
        assertThat(restartCompleted.exitCode()).as(restartCompleted.out() + restartCompleted.err()).isEqualTo(2);
        assertThat(restartCompleted.err().strip()).isEqualTo("Refused: Execution " + id + " is COMPLETED; only a "
                + "FAILED or STOPPED run can be restarted");
        JarProcess listing = JarProcess.run("executions");
        assertThat(listing.exitCode()).isZero();
        assertThat(listing.out()).contains(id + " ").contains("COMPLETED").contains("accountId=42");
    }

    /** Waits until the run has committed a few chunks and returns its execution id. */
    private static long awaitCommittedChunks(JarProcess run) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!run.isAlive()) {
                throw new IllegalStateException("the run ended early: " + run.out() + run.err());
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

    private static int snapshots(long executionId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshots WHERE job_instance_id =
                    (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)""", Integer.class,
                executionId);
    }

    private static String[] with(String[] options, String... args) {
        return Stream.concat(Stream.of(args), Stream.of(options)).toArray(String[]::new);
    }

    private static void assertExactlyOnce(long executionId) {
        assertThat(snapshots(executionId)).isEqualTo(ACCOUNTS);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT account_id) FROM account_snapshots", Integer.class))
                .isEqualTo(ACCOUNTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(ACCOUNTS);
    }
}
