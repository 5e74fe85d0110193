package com.accountsnapshot.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.cli.JarProcess;
import com.accountsnapshot.cli.RunLeases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real SIGKILLs of the packaged jar at chosen moments (ProcessIT kills one mid-run): right at the start,
 * before the first chunk commits, and near the end, in the middle of the last chunk's transaction of the
 * restart. Each moment is made exact by a table lock the test holds: the run blocks on it and is killed
 * while it waits. After each kill: recover, restart; in the end every account exactly once.
 */
class ProcessKillIT {

    static final int ACCOUNTS = 3_000;

    static final int CHUNK_SIZE = 100;

    static final String CHUNK = "--account-snapshot.job.chunk-size=" + CHUNK_SIZE;

    /** A killed run's lease is dead 3 s after its last heartbeat, so that recover accepts it soon. */
    static final String HEARTBEAT = "--account-snapshot.runs.heartbeat-interval=1s";

    static final String TIMEOUT = "--account-snapshot.runs.heartbeat-timeout=3s";

    /** The only account with a warning: its chunk, the last, is the only one that inserts issues. */
    static final long BAD_FIELD = ACCOUNTS - 50;

    static JdbcTemplate jdbc;

    @BeforeAll
    static void migrateAndSeed() {
        jdbc = TestDatabase.migrated();
        // the months a run makes before it writes (its as-of's, this one and the premade ones) exist, as after any
        // earlier start: the run blocks where the test means it to, in its first chunk, not while making a month
        new TestPortfolio(jdbc).clean().cleanJobRepository().snapshotMonths("2026-11-28T00:00:00Z");
        jdbc.queryForList("SELECT create_account_snapshot_partition(now() + n * interval '1 month') "
                + "FROM generate_series(0, 3) n");
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, profile_metadata)
                SELECT i, 1 + i % 50, 'Account ' || i, i * 10, 'active',
                       CASE WHEN i = ? THEN '{"assigned_csm": 42}' ELSE '{"assigned_csm": "Dana"}' END::jsonb
                FROM generate_series(1, ?) i""", BAD_FIELD, ACCOUNTS);
        jdbc.execute("ANALYZE accounts");
    }

    @Test
    void killedAtTheStartAndAgainInTheLastChunkOfTheRestartThenRecoveredAndRestartedExactlyOnce() throws Exception {
        // killed at the start: its first chunk waits to read account_snapshots
        JarProcess run = JarProcess.start("run", "--as-of=2026-11-28T00:00:00Z", CHUNK, HEARTBEAT, TIMEOUT);
        int blocked = killWhileBlockedOn("account_snapshots", "ACCESS EXCLUSIVE", run);
        long id = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);

        assertThat(status(id)).isEqualTo("STARTED");
        assertThat(snapshots(id)).isZero();
        assertThat(blocked).isPositive();
        RunLeases.awaitDeadLease(jdbc, id, Duration.ofSeconds(3));
        JarProcess recover = JarProcess.run("recover", String.valueOf(id), HEARTBEAT, TIMEOUT);
        assertThat(recover.exitCode()).as(recover.out() + recover.err()).isZero();

        // the restart is killed in its last chunk, after the snapshot insert, while its issue insert waits
        JarProcess restart = JarProcess.start("restart", String.valueOf(id), CHUNK, HEARTBEAT, TIMEOUT);
        killWhileBlockedOn("snapshot_run_issues", "EXCLUSIVE", restart);
        long restartId = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);

        assertThat(status(restartId)).isEqualTo("STARTED");
        assertThat(snapshots(id)).as("the chunks before the last").isEqualTo(ACCOUNTS - CHUNK_SIZE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues", Integer.class)).isZero();
        RunLeases.awaitDeadLease(jdbc, restartId, Duration.ofSeconds(3));
        JarProcess recoverAgain = JarProcess.run("recover", String.valueOf(restartId), HEARTBEAT, TIMEOUT);
        assertThat(recoverAgain.exitCode()).as(recoverAgain.out() + recoverAgain.err()).isZero();
        JarProcess finish = JarProcess.run("restart", String.valueOf(restartId), CHUNK);

        assertThat(finish.exitCode()).as(finish.out() + finish.err()).isZero();
        assertThat(finish.out()).contains("COMPLETED");
        long instance = jdbc.queryForObject(
                "SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?", Long.class, id);
        new Ledger(jdbc).assertExactlyOnce(instance, LongStream.rangeClosed(1, ACCOUNTS).boxed().toList());
        assertThat(jdbc.queryForList("SELECT account_id FROM snapshot_run_issues", Long.class))
                .containsExactly(BAD_FIELD);
        assertThat(jdbc.queryForList("""
                SELECT status FROM batch_job_execution WHERE job_instance_id = ? ORDER BY job_execution_id""",
                String.class, instance)).containsExactly("FAILED", "FAILED", "COMPLETED");
    }

    /**
     * Holds a lock on the table until the process's session waits for it, kills the process (SIGKILL), then
     * releases the lock and waits until PostgreSQL has ended the dead session (rolling back its transaction).
     *
     * @return the backend pid of the killed session
     */
    private static int killWhileBlockedOn(String table, String lockMode, JarProcess process) throws Exception {
        try (Connection lock = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "")) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN " + lockMode + " MODE");
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the run ended early: " + process.out() + process.err());
                }
                return !waiting(table).isEmpty();
            });
            int pid = waiting(table).get(0);
            process.kill();
            lock.rollback();
            await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Integer.class, pid) == 0);
            return pid;
        }
    }

    private static List<Integer> waiting(String table) {
        return jdbc.queryForList("""
                SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = ? AND NOT l.granted""", Integer.class, table);
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

}
