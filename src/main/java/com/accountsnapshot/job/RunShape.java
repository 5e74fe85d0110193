package com.accountsnapshot.job;

import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * How a run is executed: as one chunk step, or as {@code threads} partitions over account_id ranges run at once.
 * Recorded in the run's non-identifying job parameters when it starts, so that a restart resumes the shape the
 * run started with whatever the setting is by then: the step executions it resumes belong to that shape.
 *
 * @param partitioned the run is a partitioned step
 * @param threads the partitions of a partitioned run (its grid size), run at once
 */
public record RunShape(boolean partitioned, int threads) {

    /** The job parameter saying whether the run is partitioned. */
    public static final String PARTITIONED = "partitioned";

    /** The job parameter holding the number of partitions of a partitioned run. */
    public static final String THREADS = "threads";

    static final Set<String> NAMES = Set.of(PARTITIONED, THREADS);

    public RunShape {
        if (threads < 1) {
            throw new IllegalArgumentException("a run has at least one thread, not " + threads);
        }
    }

    /** The shape a new run takes with these settings. */
    public static RunShape of(SnapshotJobProperties properties) {
        return new RunShape(properties.partitionedRun(), properties.threads());
    }

    /**
     * The shape the run of these parameters started with; for a run launched before the shape was recorded, the
     * shape the settings give.
     */
    public static RunShape from(JobParameters parameters, SnapshotJobProperties properties) {
        JobParameter<?> partitioned = parameters.getParameter(PARTITIONED);
        if (partitioned == null) {
            return of(properties);
        }
        JobParameter<?> threads = parameters.getParameter(THREADS);
        return new RunShape(Boolean.parseBoolean(String.valueOf(partitioned.value())),
                threads == null ? properties.threads() : Integer.parseInt(String.valueOf(threads.value())));
    }

    /** The parameters with this shape added, as non-identifying parameters. */
    public JobParameters addTo(JobParameters parameters) {
        return new JobParametersBuilder(parameters)
                .addJobParameter(PARTITIONED, partitioned, Boolean.class, false)
                .addJobParameter(THREADS, (long) threads, Long.class, false)
                .toJobParameters();
    }

    /** How the run log and the run report name it. */
    @Override
    public String toString() {
        return partitioned ? "partitioned, " + threads + " threads" : "single step";
    }
}
