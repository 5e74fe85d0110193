package com.accountsnapshot.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote partitioning on the real RabbitMQ, with a manager and worker processes (the packaged jar): the
 * result equals a single-process run field by field and every worker did work; a worker killed with
 * SIGKILL hands its partition back to the queue; a run whose workers are all gone fails at its timeout and
 * its restart runs just the unfinished partitions. Skipped when no broker answers, unless
 * {@code ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true} (CI sets it).
 */
class RemotePartitioningIT extends RemoteProcessTest {

    static final String CHUNK = "--account-snapshot.job.chunk-size=100";

    RemotePartitioningIT() {
        super(CHUNK);
    }

    @Test
    void managerAndTwoWorkersWriteTheSameSnapshotsAsOneProcessAndBothWorkersWork() throws Exception {
        JarProcess single = JarProcess.run("run", "--as-of=2026-11-28T00:00:00Z", CHUNK);
        assertThat(single.exitCode()).as(single.out() + single.err()).isZero();
        List<Map<String, Object>> expected = snapshots();
        SnapshotCleanup.truncate(jdbc, "snapshot_run_issues");
        new TestPortfolio(jdbc).cleanJobRepository();
        JarProcess first = worker(2);
        JarProcess second = worker(2);

        JarProcess manager = JarProcess.run("run", "--as-of=2026-11-28T00:00:00Z", CHUNK, "--account-snapshot.job.threads=6",
                "--account-snapshot.remote.enabled=true", "--account-snapshot.remote.queue=" + queue);

        assertThat(manager.exitCode()).as(manager.out() + manager.err()).isZero();
        assertThat(manager.out()).contains("accounts read " + ACCOUNTS + ", snapshotted " + ACCOUNTS);
        assertThat(snapshots()).hasSize(ACCOUNTS).isEqualTo(expected);
        assertThat(first.out()).contains("Running accountSnapshotWorkerStep:partition");
        assertThat(second.out()).contains("Running accountSnapshotWorkerStep:partition");
        assertThat(partitionsByStatus()).containsExactly(Map.entry("COMPLETED", 6L));
    }

    @Test
    void aWorkerKilledMidRunHandsItsPartitionsBackAndTheRunCompletesExactlyOnce() throws Exception {
        JarProcess doomed = worker(2);
        JarProcess manager = manager("2026-11-29T00:00:00Z", 4);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("SELECT count(*) FROM account_snapshots") >= 500);

        doomed.kill();
        int committedByDoomed = count("SELECT count(*) FROM account_snapshots");
        JarProcess survivor = worker(2);

        assertThat(manager.awaitExit(Duration.ofMinutes(3))).as(manager.out() + manager.err()).isZero();
        assertThat(committedByDoomed).isLessThan(ACCOUNTS);
        assertThat(survivor.out()).contains("Running accountSnapshotWorkerStep:partition");
        assertExactlyOnce();
    }

    @Test
    void whenAllWorkersAreGoneTheRunFailsAtItsTimeoutAndRestartRunsOnlyTheUnfinishedPartitions() throws Exception {
        JarProcess lone = worker(1);
        JarProcess manager = manager("2026-11-30T00:00:00Z", 3, "--account-snapshot.remote.timeout=20s");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() ->
                partitionsByStatus().getOrDefault("COMPLETED", 0L) == 1
                        && count("SELECT count(*) FROM account_snapshots") > ACCOUNTS / 3 + 300);

        lone.kill();

        assertThat(manager.awaitExit(Duration.ofMinutes(2))).as(manager.out() + manager.err()).isEqualTo(1);
        long id = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, id)).isEqualTo("FAILED");
        worker(2);
        JarProcess restart = JarProcess.run("restart", String.valueOf(id), CHUNK,
                "--account-snapshot.job.threads=3", "--account-snapshot.remote.enabled=true",
                "--account-snapshot.remote.queue=" + queue);

        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        long restartId = jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM batch_step_execution
                WHERE job_execution_id = ? AND step_name LIKE 'accountSnapshotWorkerStep:%'""", Integer.class,
                restartId)).isEqualTo(2);
        assertExactlyOnce();
    }

    private List<Map<String, Object>> snapshots() {
        return jdbc.queryForList("SELECT " + com.accountsnapshot.job.PartitionedColumns.COMPARED
                + " FROM account_snapshots ORDER BY account_id");
    }

    private Map<String, Long> partitionsByStatus() {
        Map<String, Long> statuses = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT status, count(*) AS n FROM batch_step_execution
                WHERE step_name LIKE 'accountSnapshotWorkerStep:%'
                  AND job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)
                GROUP BY status""", rs -> {
            statuses.put(rs.getString("status"), rs.getLong("n"));
        });
        return statuses;
    }
}
