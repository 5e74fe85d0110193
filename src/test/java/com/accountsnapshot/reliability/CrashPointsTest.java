package com.accountsnapshot.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.accountsnapshot.TestPortfolio;
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

/**
 * A run that dies at any point of a chunk (first, middle or last) is recovered and restarted, and every
 * account of the scope ends with exactly one snapshot and its warnings exactly once. The crash is simulated
 * in this JVM as a kill -9 would leave it: the job thread's database sessions are ended by PostgreSQL (its
 * open transaction rolls back), the thread dies with an Error, and nothing it would still write reaches the
 * database.
 */
@ReliabilityTest
class CrashPointsTest {

    private static final Logger log = LoggerFactory.getLogger(CrashPointsTest.class);

    /** Five chunks of 50: the last one short, so the reader's end is found inside it. */
    static final int ACCOUNTS = 4 * ReliabilityTest.CHUNK_SIZE + 30;

    static final int[] CHUNKS = {1, 3, 5};

    private static final AtomicInteger killPoints = new AtomicInteger();

    private static final Map<BatchStatus, AtomicInteger> leftAs = new ConcurrentHashMap<>();

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Faults faults;

    @BeforeEach
    void seed() {
        // every tenth account has a bad assigned_csm: every chunk records warnings
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "i % 10 = 0");
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, category, kpi_parameter, data, impact_level)
                SELECT i, i, 1 + i % 7, 'Support', 'First Response Time', (i % 30) || ' hours', 'high'
                FROM generate_series(1, ?) i""", ACCOUNTS);
    }

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @AfterAll
    static void report() {
        log.info("Reliability: kill points tried {}, executions left by the crash {}; {}", killPoints, leftAs,
                Ledger.figures());
    }

    static List<Arguments> crashPoints() {
        List<Arguments> points = new ArrayList<>();
        for (Point point : Point.values()) {
            if (point == Point.AFTER_LAST_CHUNK_BEFORE_STEP_END) {
                points.add(Arguments.of(point, 0));
                continue;
            }
            for (int chunk : CHUNKS) {
                points.add(Arguments.of(point, chunk));
            }
        }
        return points;
    }

    @ParameterizedTest(name = "crash {0} of chunk {1}")
    @MethodSource("crashPoints")
    void crashThenRecoverAndRestartSnapshotsEveryAccountExactlyOnce(Point point, int chunk) throws Exception {
        faults.arm(point, chunk, faults.crash());
        Recovery recovery = new Recovery(runs);

        SnapshotRuns.Run run = runs.start(runs.request(Map.of("asOf", "2026-11-28T00:00:00Z")));
        JobExecution crashed = recovery.awaitEnd(run, Duration.ofMinutes(1));

        assertThat(faults.crashes()).as("the crash point was reached").isPositive();
        killPoints.incrementAndGet();
        leftAs.computeIfAbsent(crashed.getStatus(), s -> new AtomicInteger()).incrementAndGet();
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.STARTED);
        long committed = snapshots(crashed.getJobInstanceId());
        assertThat(committed).as("snapshots committed before the crash").isEqualTo(committedBefore(point, chunk));

        faults.reset();
        JobExecution restarted = recovery.recoverAndRestart(crashed.getId());

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(crashed.getJobInstanceId());
        Ledger ledger = new Ledger(jdbc);
        ledger.assertExactlyOnce(crashed.getJobInstanceId(), LongStream.rangeClosed(1, ACCOUNTS).boxed().toList());
        assertThat(ledger.issues(crashed.getJobInstanceId(), "warning"))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, ACCOUNTS).filter(i -> i % 10 == 0)
                        .mapToObj(i -> i + ":assigned_csm").toList());
        // the job repository's counts agree with the table: committed chunks counted once
        assertThat(ledger.stepCount(crashed.getJobInstanceId(), "write_count")).isEqualTo(ACCOUNTS);
        assertThat(ledger.stepCount(crashed.getJobInstanceId(), "read_count")).isEqualTo(ACCOUNTS);
    }

    /** The snapshots a crash at the point leaves committed: the chunks before it, and its own once committed. */
    private static long committedBefore(Point point, int chunk) {
        if (point == Point.AFTER_LAST_CHUNK_BEFORE_STEP_END) {
            return ACCOUNTS;
        }
        int done = (point == Point.AFTER_COMMIT || point == Point.AFTER_COMMIT_BEFORE_NEXT_CHUNK) ? chunk : chunk - 1;
        return Math.min(ACCOUNTS, (long) done * ReliabilityTest.CHUNK_SIZE);
    }

    private long snapshots(long jobInstanceId) {
        return jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_instance_id = ?", Long.class,
                jobInstanceId);
    }
}
