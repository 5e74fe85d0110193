package com.accountsnapshot.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the remote partitioning process tests share: the broker (skipped or required, see {@link Broker}), a
 * portfolio of {@link #ACCOUNTS} accounts, a queue of each test's own, deleted after it, and the worker and
 * manager processes of the packaged jar, killed after each test if still alive.
 */
abstract class RemoteProcessTest {

    static final int ACCOUNTS = 12_000;

    static JdbcTemplate jdbc;

    final String queue = "account-snapshot.it." + getClass().getSimpleName() + "." + UUID.randomUUID();

    private final String chunk;

    private final List<JarProcess> processes = new ArrayList<>();

    /** @param chunk the chunk-size option every process of the test runs with */
    RemoteProcessTest(String chunk) {
        this.chunk = chunk;
    }

    @BeforeAll
    static void brokerAndPortfolio() {
        Broker.requireOrSkip();
        jdbc = ProcessPortfolio.migrateAndSeed(ACCOUNTS);
    }

    @BeforeEach
    void forgetSnapshots() {
        SnapshotCleanup.truncate(jdbc, "snapshot_run_issues");
        new TestPortfolio(jdbc).cleanJobRepository();
    }

    @AfterEach
    void stopProcessesAndDeleteQueue() throws InterruptedException {
        for (JarProcess process : processes) {
            if (process.isAlive()) {
                process.kill();
            }
        }
        Broker.deleteQueue(queue);
    }

    /**
     * The partition leases of every worker: renewed every second, dead 3 s after the last renewal, and a request
     * whose partition a live worker holds back to the queue after a second, so that a killed worker's partitions
     * are taken up again soon.
     */
    static final List<String> LEASES = List.of("--account-snapshot.runs.heartbeat-interval=1s",
            "--account-snapshot.runs.heartbeat-timeout=3s", "--account-snapshot.remote.leased-request-delay=1s");

    /** A worker process on the test's queue, once it takes partitions. */
    JarProcess worker(int concurrency, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("worker", chunk, "--account-snapshot.remote.queue=" + queue,
                "--account-snapshot.remote.worker-concurrency=" + concurrency));
        args.addAll(LEASES);
        args.addAll(List.of(options));
        JarProcess worker = started(JarProcess.start(args.toArray(String[]::new)));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!worker.isAlive()) {
                throw new IllegalStateException("worker exited: " + worker.out() + worker.err());
            }
            return worker.out().contains("Worker taking partitions");
        });
        return worker;
    }

    /** A manager process: a run as of {@code asOf} over {@code threads} partitions sent to the test's queue. */
    JarProcess manager(String asOf, int threads, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--as-of=" + asOf, chunk,
                "--account-snapshot.job.threads=" + threads, "--account-snapshot.remote.enabled=true",
                "--account-snapshot.remote.queue=" + queue));
        args.addAll(List.of(options));
        return started(JarProcess.start(args.toArray(String[]::new)));
    }

    /** Kills the process after the test if it is still alive. */
    JarProcess started(JarProcess process) {
        processes.add(process);
        return process;
    }

    int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    /** Every account has exactly one snapshot, all of one job instance. */
    void assertExactlyOnce() {
        assertThat(count("SELECT count(DISTINCT account_id) FROM account_snapshots")).isEqualTo(ACCOUNTS);
        assertThat(count("SELECT count(*) FROM account_snapshots")).isEqualTo(ACCOUNTS);
        assertThat(count("SELECT count(DISTINCT job_instance_id) FROM account_snapshots")).isEqualTo(1);
    }
}
