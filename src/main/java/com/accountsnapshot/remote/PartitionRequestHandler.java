package com.accountsnapshot.remote;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;

/**
 * Runs the partition a request names, on a worker, unless the request is stale: its step execution has
 * ended, or the run it belongs to has ended (a request left in the queue from a run that failed and was
 * restarted since). A request redelivered because the worker that took it died is not stale: the
 * partition resumes after its last committed chunk.
 */
class PartitionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestHandler.class);

    private final StepExecutionRequestHandler delegate;

    private final JobRepository jobRepository;

    PartitionRequestHandler(StepExecutionRequestHandler delegate, JobRepository jobRepository) {
        this.delegate = delegate;
        this.jobRepository = jobRepository;
    }

    @Nullable StepExecution handle(StepExecutionRequest request) {
        StepExecution stepExecution = jobRepository.getStepExecution(request.getStepExecutionId());
        if (stepExecution == null) {
            log.warn("Ignoring partition request {}: no such step execution", request);
            return null;
        }
        if (!stepExecution.getJobExecution().isRunning()) {
            log.warn("Ignoring partition request {}: its run has ended ({})", request,
                    stepExecution.getJobExecution().getStatus());
            return null;
        }
        if (!stepExecution.getStatus().isRunning()) {
            log.warn("Ignoring partition request {}: the partition is already {}", request, stepExecution.getStatus());
            return null;
        }
        log.info("Running {} of execution {}", stepExecution.getStepName(), stepExecution.getJobExecutionId());
        StepExecution result = delegate.handle(request);
        log.info("{} of execution {} ended {}", result.getStepName(), result.getJobExecutionId(), result.getStatus());
        return result;
    }
}
