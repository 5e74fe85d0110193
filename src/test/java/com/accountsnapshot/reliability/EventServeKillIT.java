package com.accountsnapshot.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import com.accountsnapshot.TestDatabase;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.cli.JarProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event-driven snapshots exactly once under real SIGKILLs of {@code serve}: while it cuts a batch, while the
 * batch's run is going, and after the run completed but before the batch's events are marked done. Each moment
 * is made exact by a table lock the test holds: serve's statement at that point blocks on it, the test sees it
 * waiting in {@code pg_locks} and kills the process there. The next {@code serve} carries on from what was
 * committed: it cuts the events again, recovers and restarts the dead run itself (auto-restart), and marks the
 * events done; in the end every event is done with the one run that served it (the invalid one rejected with its
 * reason) and every account of the batch has exactly one snapshot of it.
 */
class EventServeKillIT {

    static final int ACCOUNTS = 600;

    static final int CHUNK_SIZE = 100;

    /** The only account with a warning: its chunk, the last, is the only one that inserts issues. */
    static final long BAD_FIELD = 590;

    /**
     * Events are cut 1 s after the last one arrived; leases are dead 3 s after their last renewal, and a recovered
     * run is restarted 1 s after its recovery: every serve of the test judges alike.
     */
    static final String[] SERVE = {"serve", "--server.port=0", "--account-snapshot.schedule.enabled=false",
            "--account-snapshot.events.amqp.enabled=false", "--account-snapshot.events.quiet-period=1s",
            "--account-snapshot.events.poll-interval=500ms", "--account-snapshot.job.chunk-size=" + CHUNK_SIZE,
            "--account-snapshot.runs.heartbeat-interval=1s", "--account-snapshot.runs.heartbeat-timeout=3s",
            "--account-snapshot.runs.auto-restart-backoff=1s"};

    /** A serve's start, then its work up to the moment awaited: a JVM start on a busy 2-core machine is slow. */
    static final Duration SERVE_WAIT = Duration.ofMinutes(4);

    static JdbcTemplate jdbc;

    @BeforeAll
    static void migrateAndSeed() {
        jdbc = TestDatabase.migrated();
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.execute("TRUNCATE snapshot_events, snapshot_event_batch_accounts, snapshot_event_batches, "
                + "snapshot_run_leases");
        // customers 1, 2 and 3 have 200 accounts each
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, profile_metadata)
                SELECT i, 1 + i % 3, 'Account ' || i, i * 10, 'active',
                       CASE WHEN i = ? THEN '{"assigned_csm": 42}' ELSE '{"assigned_csm": "Dana"}' END::jsonb
                FROM generate_series(1, ?) i""", BAD_FIELD, ACCOUNTS);
        // through the outbox: one upload event per account of customers 1 and 2, a second one for 40 of them, one
        // for every account of customer 3 (a roll-up), and one for an account of another customer
        jdbc.update("""
                INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at)
                SELECT 'upload-' || i, 'KPI_DATA_UPLOADED', 1 + i % 3, i, now() FROM generate_series(1, ?) i
                WHERE i % 3 <> 2""", ACCOUNTS);
        jdbc.update("""
                INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at)
                SELECT 'again-' || i, 'KPI_DATA_UPLOADED', 1 + i % 3, i, now() FROM generate_series(1, 60) i
                WHERE i % 3 <> 2""");
        jdbc.update("""
                INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at) VALUES
                    ('rollup-3', 'KPI_DATA_UPLOADED', 3, NULL, now()),
                    ('stranger', 'KPI_DATA_UPLOADED', 1, 1, now())""");
        jdbc.execute("ANALYZE");
    }

    @Test
    void serveKilledWhileCuttingDuringTheRunAndBeforeMarkingDoneServesEveryEventExactlyOnce() throws Exception {
        // killed while cutting: its cut waits to insert the batch's accounts, after the batch row and the events'
        // new status, in the one transaction of the cut
        String cutting = killWhileWaitingOn("snapshot_event_batch_accounts", "EXCLUSIVE", JarProcess.start(SERVE));

        assertThat(cutting).contains("INSERT INTO snapshot_event_batch_accounts");
        assertThat(jdbc.queryForList("SELECT status || ' ' || count(*) FROM snapshot_events GROUP BY status",
                String.class)).containsExactly("pending 442");
        assertThat(count("snapshot_event_batches")).isZero();
        assertThat(count("batch_job_execution")).isZero();

        // killed during the batch's run: its last chunk waits to insert its issue, five chunks committed
        String running = killWhileWaitingOn("snapshot_run_issues", "EXCLUSIVE", JarProcess.start(SERVE));
        long run = jdbc.queryForObject("SELECT job_execution_id FROM batch_job_execution", Long.class);
        long instance = jdbc.queryForObject("SELECT job_instance_id FROM batch_job_instance", Long.class);

        assertThat(running).contains("snapshot_run_issues");
        assertThat(status(run)).isEqualTo("STARTED");
        assertThat(jdbc.queryForList("SELECT status || ' ' || job_execution_id FROM snapshot_event_batches",
                String.class)).containsExactly("started " + run);
        assertThat(snapshots(instance)).isEqualTo(ACCOUNTS - CHUNK_SIZE);
        assertThat(jdbc.queryForList("SELECT status || ' ' || count(*) FROM snapshot_events GROUP BY status "
                + "ORDER BY status", String.class)).containsExactly("batched 441", "rejected 1");

        // the next serve recovers the dead run and restarts it; the restart completes, and serve is killed while
        // its tick waits to mark the batch's events done
        String marking = killWhileWaitingOn("snapshot_event_batches", "EXCLUSIVE", JarProcess.start(SERVE),
                () -> jdbc.queryForObject("SELECT count(*) FROM batch_job_execution WHERE status = 'COMPLETED'",
                        Integer.class) == 1);
        long restart = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);

        assertThat(marking).contains("UPDATE snapshot_events e SET status = 'done'");
        assertThat(executionStatuses(instance)).containsExactly(run + " FAILED", restart + " COMPLETED");
        assertThat(jdbc.queryForList("SELECT status || ' ' || job_execution_id FROM snapshot_event_batches",
                String.class)).containsExactly("started " + run);
        assertThat(jdbc.queryForList("SELECT status || ' ' || count(*) FROM snapshot_events GROUP BY status "
                + "ORDER BY status", String.class)).containsExactly("batched 441", "rejected 1");

        // a serve that is left alone catches up at its first tick
        JarProcess serve = JarProcess.start(SERVE);
        try {
            await().atMost(SERVE_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertAlive(serve);
                return jdbc.queryForObject("SELECT count(*) FROM snapshot_events WHERE status = 'done'",
                        Integer.class) == 441;
            });
        }
        finally {
            serve.kill();
        }

        assertThat(jdbc.queryForList("""
                SELECT served || ' ' || count(*) FROM (
                    SELECT status || ' ' || coalesce(job_execution_id::text, '-') || ' ' || coalesce(problem, '-')
                           AS served
                    FROM snapshot_events) events
                GROUP BY served ORDER BY served""", String.class)).containsExactly(
                "done " + restart + " - 441",
                "rejected - account_id: account 1 does not belong to customer 1 1");
        assertThat(jdbc.queryForList("SELECT status || ' ' || job_execution_id || ' ' || event_count "
                + "FROM snapshot_event_batches", String.class)).containsExactly("done " + restart + " 441");
        assertThat(count("batch_job_instance")).isEqualTo(1);
        assertThat(executionStatuses(instance)).containsExactly(run + " FAILED", restart + " COMPLETED");
        new Ledger(jdbc).assertExactlyOnce(instance, LongStream.rangeClosed(1, ACCOUNTS).boxed().toList());
        assertThat(count("account_snapshots")).isEqualTo(ACCOUNTS);
        assertThat(jdbc.queryForList("SELECT account_id FROM snapshot_run_issues", Long.class))
                .containsExactly(BAD_FIELD);
    }

    private static String killWhileWaitingOn(String table, String lockMode, JarProcess serve) throws Exception {
        return killWhileWaitingOn(table, lockMode, serve, () -> true);
    }

    /**
     * Holds a lock on the table (taken before {@code serve} was started, so that its first attempt blocks) until
     * serve's session waits for it and {@code also} holds, kills serve (SIGKILL), releases the lock and waits until
     * PostgreSQL has ended the dead session, rolling its transaction back.
     *
     * @return the statement serve was killed in
     */
    private static String killWhileWaitingOn(String table, String lockMode, JarProcess serve,
            Callable<Boolean> also) throws Exception {
        try (Connection lock = lock(table, lockMode)) {
            await().atMost(SERVE_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertAlive(serve);
                return !waiting(table).isEmpty() && also.call();
            });
            int pid = waiting(table).get(0);
            String statement = jdbc.queryForObject("SELECT query FROM pg_stat_activity WHERE pid = ?", String.class,
                    pid);
            serve.kill();
            lock.rollback();
            await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", Integer.class, pid) == 0);
            return statement;
        }
    }

    private static Connection lock(String table, String lockMode) throws SQLException {
        Connection lock = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN " + lockMode + " MODE");
        }
        return lock;
    }

    private static void assertAlive(JarProcess serve) {
        if (!serve.isAlive()) {
            throw new IllegalStateException("serve ended early: " + serve.out() + serve.err());
        }
    }

    private static List<Integer> waiting(String table) {
        return jdbc.queryForList("""
                SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = ? AND NOT l.granted""", Integer.class, table);
    }

    private static List<String> executionStatuses(long instance) {
        return jdbc.queryForList("SELECT job_execution_id || ' ' || status FROM batch_job_execution "
                + "WHERE job_instance_id = ? ORDER BY job_execution_id", String.class, instance);
    }

    private static String status(long executionId) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class,
                executionId);
    }

    private static int snapshots(long instance) {
        return jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_instance_id = ?", Integer.class,
                instance);
    }

    private static int count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
    }
}
