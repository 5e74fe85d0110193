package com.accountsnapshot.job;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/**
 * Sends a run to the step of the shape recorded in its job parameters, on its start and on every restart alike,
 * whatever {@code account-snapshot.job.partitioned} says by then.
 */
final class RunShapeDecider implements JobExecutionDecider {

    static final String PARTITIONED = "PARTITIONED";

    static final String SINGLE = "SINGLE";

    private final SnapshotJobProperties properties;

    RunShapeDecider(SnapshotJobProperties properties) {
        this.properties = properties;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution jobExecution, @Nullable StepExecution stepExecution) {
        return new FlowExecutionStatus(RunShape.from(jobExecution.getJobParameters(), properties).partitioned()
                ? PARTITIONED : SINGLE);
    }
}
