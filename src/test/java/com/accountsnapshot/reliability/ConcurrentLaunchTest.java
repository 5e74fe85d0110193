package com.accountsnapshot.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.reliability.Faults.Point;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight threads launch runs at once through {@link SnapshotRuns}: of scopes that overlap (portfolio ⊇ customer
 * ⊇ account) exactly one runs and every other launch is refused naming it, leaving no trace; scopes that do
 * not overlap (two customers) both run; twice as many launches as pooled connections are all answered at
 * once. Every run that starts is held in its first chunk until all launches have returned, so the winner is
 * still running when the losers check.
 */
@ReliabilityTest
class ConcurrentLaunchTest {

    static final int ACCOUNTS = 230;

    static final int THREADS = 8;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Faults faults;

    @BeforeEach
    void seed() {
        // customer = 1 + id % 7: account 7 belongs to customer 1, account 9 to customer 3
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "false");
    }

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @Test
    void ofEightOverlappingLaunchesExactlyOneRunsAndSevenAreRefusedNamingIt() throws Exception {
        List<Map<String, String>> launches = List.of(
                Map.of("asOf", "2026-11-28T00:00:01Z"),
                Map.of("asOf", "2026-11-28T00:00:01Z"),
                Map.of("asOf", "2026-11-28T00:00:02Z"),
                Map.of("asOf", "2026-11-28T00:00:03Z", "customerId", "1"),
                Map.of("asOf", "2026-11-28T00:00:04Z", "customerId", "1"),
                Map.of("asOf", "2026-11-28T00:00:05Z", "accountId", "7"),
                Map.of("asOf", "2026-11-28T00:00:06Z", "accountId", "7", "customerId", "1"),
                Map.of("asOf", "2026-11-28T00:00:07Z", "customerId", "1", "snapshotType", "event_driven"));

        List<Launch> results = launchAtOnce(launches, 1);

        List<Launch> started = results.stream().filter(Launch::started).toList();
        assertThat(started).hasSize(1);
        long winner = started.get(0).run().id();
        assertRefusedNaming(results.stream().filter(launch -> !launch.started()).toList(), winner, 7);
        finish(started);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(1);
    }

    @Test
    void twoCustomersRunSideBySideWhileTheirOverlappingLaunchesAreRefused() throws Exception {
        List<Map<String, String>> launches = List.of(
                Map.of("asOf", "2026-11-28T00:00:01Z", "customerId", "1"),
                Map.of("asOf", "2026-11-28T00:00:02Z", "customerId", "1"),
                Map.of("asOf", "2026-11-28T00:00:03Z", "accountId", "7"),
                Map.of("asOf", "2026-11-28T00:00:04Z", "accountId", "7", "customerId", "1"),
                Map.of("asOf", "2026-11-28T00:00:05Z", "customerId", "3"),
                Map.of("asOf", "2026-11-28T00:00:06Z", "customerId", "3"),
                Map.of("asOf", "2026-11-28T00:00:07Z", "accountId", "9"),
                Map.of("asOf", "2026-11-28T00:00:08Z", "accountId", "9", "customerId", "3"));

        List<Launch> results = launchAtOnce(launches, 2);

        for (List<Launch> set : List.of(results.subList(0, 4), results.subList(4, 8))) {
            List<Launch> started = set.stream().filter(Launch::started).toList();
            assertThat(started).as("runs started of " + set).hasSize(1);
            long winner = started.get(0).run().id();
            assertRefusedNaming(set.stream().filter(launch -> !launch.started()).toList(), winner, 3);
        }
        List<Launch> started = results.stream().filter(Launch::started).toList();
        finish(started);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(2);
    }

    @Test
    void moreOverlappingLaunchesAtOnceThanPooledConnectionsAreAllAnsweredQuickly() throws Exception {
        int launches = 2 * ReliabilityTest.POOL_SIZE;
        List<Map<String, String>> portfolioRuns = IntStream.range(0, launches)
                .mapToObj(i -> Map.of("asOf", "2026-11-28T00:00:%02dZ".formatted(i))).toList();

        long started = System.nanoTime();
        List<Launch> results = launchAtOnce(portfolioRuns, 1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        List<Launch> running = results.stream().filter(Launch::started).toList();
        assertThat(running).hasSize(1);
        assertRefusedNaming(results.stream().filter(launch -> !launch.started()).toList(), running.get(0).run().id(),
                launches - 1);
        finish(running);
    }

    /** A launch's outcome: the run it started, or the refusal. */
    record Launch(Map<String, String> parameters, SnapshotRuns.@Nullable Run run,
            @Nullable RunRefusedException refusal) {

        boolean started() {
            return run != null;
        }
    }

    private List<Launch> launchAtOnce(List<Map<String, String>> launches, int expectedRuns) throws Exception {
        Faults.Hold hold = new Faults.Hold(expectedRuns);
        faults.arm(Point.BEFORE_FIRST_READ, 1, hold, launches.size());
        CyclicBarrier together = new CyclicBarrier(launches.size());
        ExecutorService threads = Executors.newFixedThreadPool(launches.size());
        try {
            List<Future<Launch>> futures = new ArrayList<>();
            for (Map<String, String> parameters : launches) {
                futures.add(threads.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    try {
                        return new Launch(parameters, runs.start(runs.request(parameters)), null);
                    }
                    catch (RunRefusedException ex) {
                        return new Launch(parameters, null, ex);
                    }
                }));
            }
            List<Launch> results = new ArrayList<>();
            for (Future<Launch> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            hold.awaitReached(Duration.ofMinutes(1));
            hold.release();
            return results;
        }
        finally {
            hold.release();
            threads.shutdownNow();
        }
    }

    private static void assertRefusedNaming(List<Launch> refused, long running, int expected) {
        assertThat(refused).hasSize(expected).allSatisfy(launch -> {
            assertThat(launch.refusal().reason()).isEqualTo(RunRefusedException.Reason.OVERLAP);
            assertThat(launch.refusal().conflictingExecutionId()).isEqualTo(running);
            assertThat(launch.refusal().getMessage()).startsWith("Execution " + running
                    + " is running on an overlapping scope;");
        });
    }

    private void finish(List<Launch> started) throws Exception {
        Recovery recovery = new Recovery(runs);
        for (Launch launch : started) {
            JobExecution execution = recovery.awaitEnd(launch.run(), Duration.ofMinutes(1));
            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            new Ledger(jdbc).assertExactlyOnce(execution.getJobInstanceId(), scope(launch.parameters()));
        }
    }

    private List<Long> scope(Map<String, String> parameters) {
        if (parameters.containsKey("accountId")) {
            return List.of(Long.valueOf(parameters.get("accountId")));
        }
        LongStream ids = LongStream.rangeClosed(1, ACCOUNTS);
        if (parameters.containsKey("customerId")) {
            long customer = Long.parseLong(parameters.get("customerId"));
            ids = ids.filter(id -> 1 + id % 7 == customer);
        }
        return ids.boxed().toList();
    }
}
