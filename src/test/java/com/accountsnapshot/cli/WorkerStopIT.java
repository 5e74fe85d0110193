package com.accountsnapshot.cli;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers stopped with SIGTERM, on the real RabbitMQ with the manager and the workers as processes (the packaged
 * jar): an idle worker exits 0 at once; a worker in the middle of a partition hands it over after its current
 * chunk and exits 0, another worker resumes it and the run completes without a restart, every account once; a
 * worker whose chunk cannot end within the shutdown timeout exits 1 and leaves its partitions as a killed worker
 * does, for a worker started later to resume. Skipped when no broker answers, unless
 * {@code ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true} (CI sets it).
 */
class WorkerStopIT extends RemoteProcessTest {

    static final int CHUNK_SIZE = 50;

    static final String CHUNK = "--account-snapshot.job.chunk-size=" + CHUNK_SIZE;

    static final Pattern RUNNING = Pattern.compile("Running (accountSnapshotWorkerStep:partition\\d+) of execution");

    static final Pattern HANDED_OVER = Pattern.compile("(accountSnapshotWorkerStep:partition\\d+) of execution \\d+ "
            + "handed over after (\\d+) accounts");

    WorkerStopIT() {
        super(CHUNK);
    }

    @Test
    void idleWorkerStopsOnSigtermWithExitCodeZero() throws Exception {
        JarProcess idle = worker(2);

        idle.terminate();

        assertThat(idle.awaitExit(Duration.ofMinutes(1))).as(idle.out() + idle.err()).isZero();
        assertThat(idle.out()).contains("Worker stopping (SIGTERM)")
                .contains("Worker stopped; 0 partitions handed over");
    }

    @Test
    void workerStoppedMidPartitionHandsItOverAndTheRunCompletesWithoutRestartExactlyOnce() throws Exception {
        JarProcess doomed = worker(1);
        JarProcess survivor = worker(1);
        JarProcess manager = manager("2026-11-28T00:00:00Z", 2);
        String partition = awaitCommittedChunk(doomed);

        doomed.terminate();

        assertThat(doomed.awaitExit(Duration.ofMinutes(2))).as(doomed.out() + doomed.err()).isZero();
        assertThat(doomed.out()).contains("Worker stopped; 1 partition handed over");
        Matcher handedOver = HANDED_OVER.matcher(doomed.out());
        assertThat(handedOver.find()).as(doomed.out()).isTrue();
        assertThat(handedOver.group(1)).isEqualTo(partition);
        int accountsBefore = Integer.parseInt(handedOver.group(2));
        assertThat(accountsBefore % CHUNK_SIZE).isZero();
        assertThat(accountsBefore).isBetween(CHUNK_SIZE, ACCOUNTS / 2 - CHUNK_SIZE);
        assertThat(manager.awaitExit(Duration.ofMinutes(3))).as(manager.out() + manager.err()).isZero();
        assertThat(manager.out()).contains(": COMPLETED (COMPLETED)")
                .contains("accounts read " + ACCOUNTS + ", snapshotted " + ACCOUNTS);
        assertThat(survivor.out()).contains("Running " + partition + " of execution");
        assertThat(partitions()).containsExactly(
                Map.entry("accountSnapshotWorkerStep:partition0", "COMPLETED COMPLETED 6000 6000"),
                Map.entry("accountSnapshotWorkerStep:partition1", "COMPLETED COMPLETED 6000 6000"));
        assertExactlyOnce();
    }

    @Test
    void workerWhoseChunkCannotEndWithinTheShutdownTimeoutExitsOneAndALaterWorkerResumesItsPartitions()
            throws Exception {
        JarProcess stuck = worker(2, "--account-snapshot.shutdown-timeout=3s");
        JarProcess manager = manager("2026-11-29T00:00:00Z", 2);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> count("""
                SELECT count(*) FROM batch_step_execution
                WHERE step_name LIKE 'accountSnapshotWorkerStep:%' AND commit_count >= 1""") == 2);
        int exitCode;
        // both partitions' next chunks wait on a lock the test holds: they cannot end while the worker stops
        try (Connection lock = jdbc.getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE account_notes IN ACCESS EXCLUSIVE MODE");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> count("""
                    SELECT count(*) FROM pg_locks
                    WHERE relation = 'account_notes'::regclass AND NOT granted
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""") == 2);

            stuck.terminate();
            exitCode = stuck.awaitExit(Duration.ofMinutes(2));

            lock.rollback();
        }

        assertThat(exitCode).as(stuck.out() + stuck.err()).isEqualTo(1);
        assertThat(stuck.out()).contains("2 partition(s) did not reach the end of their chunk within PT3S");
        Map<String, String> leftBehind = partitions();
        assertThat(leftBehind.values()).allSatisfy(row -> assertThat(row).startsWith("STARTED EXECUTING "));
        assertThat(count("SELECT count(*) FROM account_snapshots")).isEqualTo(count("""
                SELECT sum(write_count) FROM batch_step_execution
                WHERE step_name LIKE 'accountSnapshotWorkerStep:%'"""));
        assertThat(manager.isAlive()).isTrue();
        JarProcess later = worker(2);
        assertThat(manager.awaitExit(Duration.ofMinutes(3))).as(manager.out() + manager.err()).isZero();
        assertThat(later.out()).contains("Running accountSnapshotWorkerStep:partition0")
                .contains("Running accountSnapshotWorkerStep:partition1");
        assertThat(partitions()).containsExactly(
                Map.entry("accountSnapshotWorkerStep:partition0", "COMPLETED COMPLETED 6000 6000"),
                Map.entry("accountSnapshotWorkerStep:partition1", "COMPLETED COMPLETED 6000 6000"));
        assertExactlyOnce();
    }

    /** Waits until the worker has committed a chunk of a partition, and returns that partition's name. */
    private String awaitCommittedChunk(JarProcess worker) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Matcher running = RUNNING.matcher(worker.out());
            if (!running.find()) {
                return null;
            }
            Integer commits = jdbc.queryForObject("""
                    SELECT commit_count FROM batch_step_execution WHERE step_name = ?
                    AND job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)""",
                    Integer.class, running.group(1));
            return commits != null && commits >= 1 ? running.group(1) : null;
        }, name -> name != null);
    }

    /** The run's partitions: name to "status exit_code read_count write_count". */
    private Map<String, String> partitions() {
        Map<String, String> partitions = new TreeMap<>();
        jdbc.query("""
                SELECT step_name, status, exit_code, read_count, write_count FROM batch_step_execution
                WHERE step_name LIKE 'accountSnapshotWorkerStep:%'
                  AND job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)""", rs -> {
            partitions.put(rs.getString("step_name"), rs.getString("status") + " " + rs.getString("exit_code") + " "
                    + rs.getLong("read_count") + " " + rs.getLong("write_count"));
        });
        return partitions;
    }
}
