package com.accountsnapshot.job;

import java.time.Duration;

import com.accountsnapshot.snapshot.SnapshotType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the snapshot job ({@code account-snapshot.job.*}).
 *
 * @param chunkSize accounts per chunk: per transaction, per enrichment batch and per reader page
 * @param skipLimit accounts whose calculation may fail before the run fails: counted over the whole run, all its
 *        partitions and restarts
 * @param cooldown the minimum age of an account's latest snapshot before a run of each type takes another
 * @param partitioned run new runs as parallel partitions over account_id ranges: {@code true}, {@code false}, or
 *        {@code auto} (the default), partitioned when the machine has more than one processor. A run keeps the
 *        shape it started with (see {@link RunShape})
 * @param threads partitions of a partitioned run, run at once (0: one per available processor)
 */
@ConfigurationProperties("account-snapshot.job")
public record SnapshotJobProperties(
        @DefaultValue("500") int chunkSize,
        @DefaultValue("1000") int skipLimit,
        @DefaultValue Cooldown cooldown,
        @DefaultValue("auto") Partitioning partitioned,
        @DefaultValue("0") int threads) {

    public SnapshotJobProperties {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("account-snapshot.job.chunk-size must be at least 1, not " + chunkSize);
        }
        if (skipLimit < 0) {
            throw new IllegalArgumentException("account-snapshot.job.skip-limit must not be negative");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("account-snapshot.job.threads must not be negative");
        }
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
    }

    /** Whether new runs are partitioned. */
    public boolean partitionedRun() {
        return partitioned.partitions(Runtime.getRuntime().availableProcessors());
    }

    /** The values of {@code account-snapshot.job.partitioned}. */
    public enum Partitioning {
        /** Partitioned when there is more than one processor: a single step would leave the others idle. */
        AUTO,
        TRUE,
        FALSE;

        boolean partitions(int processors) {
            return this == TRUE || (this == AUTO && processors > 1);
        }
    }

    public record Cooldown(
            @DefaultValue("0s") Duration manual,
            @DefaultValue("24h") Duration scheduled,
            @DefaultValue("1h") Duration eventDriven,
            @DefaultValue("1h") Duration postUpload,
            @DefaultValue("1h") Duration postHealthCalc) {

        public Duration of(SnapshotType type) {
            return switch (type) {
                case MANUAL -> manual;
                case SCHEDULED -> scheduled;
                case EVENT_DRIVEN -> eventDriven;
                case POST_UPLOAD -> postUpload;
                case POST_HEALTH_CALC -> postHealthCalc;
            };
        }
    }
}
