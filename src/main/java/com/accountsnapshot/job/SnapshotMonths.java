package com.accountsnapshot.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.accountsnapshot.snapshot.internal.SnapshotPartitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Makes sure the monthly partitions of {@code account_snapshots} a process writes into exist: the months ahead
 * when a process that writes starts ({@link #premake()}), and the month of a run's as-of before the run writes
 * (a job listener, so that a start and a restart alike, and a backfill into an old month, find their partition).
 */
public class SnapshotMonths implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(SnapshotMonths.class);

    private final SnapshotPartitions partitions;

    private final HistoryProperties properties;

    private final Clock clock;

    SnapshotMonths(SnapshotPartitions partitions, HistoryProperties properties, Clock clock) {
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The current month's partition and {@code account-snapshot.history.premake-months} after it; the made ones. */
    public List<String> premake() {
        List<String> made = partitions.createMonthsAhead(clock.instant(), properties.premakeMonths());
        if (!made.isEmpty()) {
            log.info("Created the snapshot partitions {}", String.join(", ", made));
        }
        return made;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        Instant asOf = SnapshotRequest.from(jobExecution.getJobParameters()).asOf();
        if (partitions.createMonthOf(asOf)) {
            log.info("Created the snapshot partition of the month of {}", asOf);
        }
    }
}
