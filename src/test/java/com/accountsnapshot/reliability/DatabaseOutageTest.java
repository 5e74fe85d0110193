package com.accountsnapshot.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.reliability.Faults.Point;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database drops every session of the application while a run is in the middle of a chunk (the run is
 * held there, its sessions are terminated with pg_terminate_backend, then it is released): the run ends
 * within a bound instead of hanging, as UNKNOWN (the outcome of the chunk's transaction could not be
 * confirmed), the connection pool serves the next query, and recover then restart complete the run with every
 * account exactly once.
 */
@ReliabilityTest
class DatabaseOutageTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageTest.class);

    static final int ACCOUNTS = 230;

    private static final AtomicInteger survived = new AtomicInteger();

    private static final Map<BatchStatus, AtomicInteger> endedAs = new ConcurrentHashMap<>();

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Faults faults;

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "i % 10 = 0");
    }

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @AfterAll
    static void report() {
        log.info("Reliability: outages survived {}, runs ended as {}", survived, endedAs);
    }

    static List<Arguments> outages() {
        return List.of(Arguments.of(Point.BEFORE_FIRST_READ, 1),
                Arguments.of(Point.AFTER_READS_BEFORE_PROCESS, 2),
                Arguments.of(Point.AFTER_SNAPSHOT_INSERT_BEFORE_ISSUE_INSERT, 3),
                Arguments.of(Point.BEFORE_COMMIT, 4),
                Arguments.of(Point.AFTER_COMMIT_BEFORE_NEXT_CHUNK, 2));
    }

    @ParameterizedTest(name = "outage {0} of chunk {1}")
    @MethodSource("outages")
    void outageMidRunEndsTheRunThenRestartCompletesExactlyOnce(Point point, int chunk) throws Exception {
        Faults.Hold hold = new Faults.Hold(1);
        faults.arm(point, chunk, hold);
        Recovery recovery = new Recovery(runs);
        SnapshotRuns.Run run = runs.start(runs.request(Map.of("asOf", "2026-11-28T00:00:00Z")));
        hold.awaitReached(Duration.ofSeconds(30));

        int terminated = Backends.terminateAll();
        hold.release();
        JobExecution ended = recovery.awaitEnd(run, Duration.ofSeconds(30));

        assertThat(terminated).as("sessions terminated").isPositive();
        endedAs.computeIfAbsent(ended.getStatus(), s -> new AtomicInteger()).incrementAndGet();
        // the chunk's transaction broke off with its connection: Spring Batch cannot tell whether it committed
        assertThat(ended.getStatus()).isEqualTo(BatchStatus.UNKNOWN);
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).as("the pool serves the next query").isOne();
        assertThatThrownBy(() -> runs.restart(ended.getId())).isInstanceOf(RunRefusedException.class)
                .hasMessage("Execution " + ended.getId() + " is UNKNOWN; only a FAILED or STOPPED run can be "
                        + "restarted (recover it first)");

        JobExecution restarted = recovery.recoverAndRestart(ended.getId());

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        new Ledger(jdbc).assertExactlyOnce(ended.getJobInstanceId(),
                LongStream.rangeClosed(1, ACCOUNTS).boxed().toList());
        assertThat(new Ledger(jdbc).issues(ended.getJobInstanceId(), "warning")).hasSize(ACCOUNTS / 10);
        survived.incrementAndGet();
    }
}
