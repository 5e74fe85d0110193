package com.accountsnapshot.cli;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers and one partition whose request is redelivered while the first worker still runs it, as the broker
 * does for a worker that lost its connection but still reaches the database; the manager and the workers are
 * processes of the packaged jar on the real RabbitMQ. The partition (all {@value #ACCOUNTS} accounts, chunks of
 * {@value #CHUNK_SIZE}) is not run twice while the first worker's lease is alive; once the first worker is frozen
 * (SIGSTOP) inside a chunk and its lease has died, the second takes the lease over and completes the partition;
 * the first, thawed, has its chunk fenced off and rolled back and drops the partition. Every account is written
 * once. Skipped when no broker answers, unless {@code ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true}.
 */
class PartitionLeaseIT extends RemoteProcessTest {

    static final int CHUNK_SIZE = 500;

    PartitionLeaseIT() {
        super("--account-snapshot.job.chunk-size=" + CHUNK_SIZE);
    }

    @Test
    void aRedeliveredPartitionIsNotRunTwiceAndTheStaleWorkersChunkRollsBack() throws Exception {
        // given: one partition, run by one of two workers, which has committed a chunk
        JarProcess one = worker(1);
        JarProcess other = worker(1);
        JarProcess manager = manager("2026-11-28T00:00:00Z", 1);
        long partition = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc
                .queryForList("""
                        SELECT step_execution_id FROM batch_step_execution
                        WHERE step_name = 'accountSnapshotWorkerStep:partition0' AND commit_count >= 1""", Long.class)
                .stream().findFirst().orElse(null), id -> id != null);
        boolean oneRunsIt = one.out().contains("Running accountSnapshotWorkerStep:partition0");
        JarProcess first = oneRunsIt ? one : other;
        JarProcess second = oneRunsIt ? other : one;
        try (Connection lock = jdbc.getDataSource().getConnection()) {
            // the first worker's next chunk waits on a lock the test holds, before it writes anything
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE account_notes IN ACCESS EXCLUSIVE MODE");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> count("""
                    SELECT count(*) FROM pg_locks
                    WHERE relation = 'account_notes'::regclass AND NOT granted
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""") == 1);
            int committed = count("SELECT commit_count FROM batch_step_execution WHERE step_execution_id = "
                    + partition);

            // when: the request is redelivered while the first worker is alive
            Broker.publish(queue, "{\"step_name\":\"accountSnapshotWorkerStep\",\"step_execution_id\":" + partition
                    + "}");

            // then: the second worker does not run it, and hands it back to the queue
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                    .until(() -> second.out().contains("its partition is leased by a live worker"));
            assertThat(second.out()).doesNotContain("Running accountSnapshotWorkerStep:partition0");
            assertThat(count("SELECT commit_count FROM batch_step_execution WHERE step_execution_id = " + partition))
                    .isEqualTo(committed);

            // when: the first worker is frozen inside its chunk: its heartbeat stops, its lease dies
            signal("STOP", first);
            lock.rollback();
        }

        // then: the second worker takes the lease over and completes the partition, the run completes
        assertThat(manager.awaitExit(Duration.ofMinutes(3))).as(manager.out() + manager.err()).isZero();
        assertThat(second.out()).contains("Running accountSnapshotWorkerStep:partition0 of execution")
                .contains("(lease generation 2)");
        assertExactlyOnce();

        // when: the first worker thaws and reaches the end of its chunk
        signal("CONT", first);

        // then: its chunk is fenced off and rolled back, it drops the partition; nothing changes
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> first.out().contains("partition0 of execution") && first.out().contains(" dropped: "));
        assertThat(first.out()).contains("the lease of generation 1 was taken over")
                .contains("this chunk rolls back and the partition is dropped here");
        assertExactlyOnce();
        assertThat(jdbc.queryForObject("""
                SELECT status || ' ' || exit_code || ' ' || read_count || ' ' || write_count FROM batch_step_execution
                WHERE step_execution_id = ?""", String.class, partition))
                .isEqualTo("COMPLETED COMPLETED " + ACCOUNTS + " " + ACCOUNTS);
        assertThat(jdbc.queryForObject("""
                SELECT generation || ' ' || (released_at IS NOT NULL) FROM snapshot_run_leases
                WHERE step_execution_id = ?""", String.class, partition)).isEqualTo("2 true");
        first.terminate();
        assertThat(first.awaitExit(Duration.ofMinutes(1))).as(first.out() + first.err()).isZero();
    }

    private static void signal(String signal, JarProcess process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
