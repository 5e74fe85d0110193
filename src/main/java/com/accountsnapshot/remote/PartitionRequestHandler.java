package com.accountsnapshot.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Runs the partition a request names, on a worker, unless the request is stale: its step execution has
 * ended, or the run it belongs to has ended (a request left in the queue from a run that failed and was
 * restarted since). A request redelivered because the worker that took it died, or handed back by a worker
 * that stopped, is not stale: the partition resumes after its last committed chunk.
 * <p>
 * While the worker stops, a partition running here is handed over after its current chunk and a request
 * arriving is not started: either way the request goes back to the queue, by an
 * {@link ImmediateRequeueAmqpException} that the listener container answers with a requeue.
 */
class PartitionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestHandler.class);

    private final JobRepository jobRepository;

    private final StepLocator steps;

    private final PartitionHandOver handOver;

    PartitionRequestHandler(JobRepository jobRepository, StepLocator steps, PartitionHandOver handOver) {
        this.jobRepository = jobRepository;
        this.steps = steps;
        this.handOver = handOver;
    }

    void handle(StepExecutionRequest request) {
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            log.warn("Ignoring partition request {}: no such step execution", request);
            return;
        }
        if (!partition.getJobExecution().isRunning()) {
            log.warn("Ignoring partition request {}: its run has ended ({})", request,
                    partition.getJobExecution().getStatus());
            return;
        }
        if (!partition.getStatus().isRunning()) {
            log.warn("Ignoring partition request {}: the partition is already {}", request, partition.getStatus());
            return;
        }
        Step step = steps.getStep(request.getStepName());
        if (!handOver.admit(partition)) {
            throw new ImmediateRequeueAmqpException("This worker is stopping: " + partition.getStepName()
                    + " of execution " + partition.getJobExecutionId() + " goes back to the queue");
        }
        boolean handedOver;
        try {
            log.info("Running {} of execution {}", partition.getStepName(), partition.getJobExecutionId());
            // a partition handed over by a worker that stopped still carries the exit code it stopped with
            partition.setExitStatus(ExitStatus.EXECUTING);
            step.execute(partition);
        }
        catch (JobInterruptedException ex) {
            partition.setStatus(BatchStatus.STOPPED);
        }
        finally {
            handedOver = handOver.release(partition);
        }
        if (handedOver) {
            log.info("{} of execution {} handed over after {} accounts", partition.getStepName(),
                    partition.getJobExecutionId(), partition.getReadCount());
            throw new ImmediateRequeueAmqpException("This worker stopped: " + partition.getStepName()
                    + " of execution " + partition.getJobExecutionId() + " goes back to the queue");
        }
        log.info("{} of execution {} ended {}", partition.getStepName(), partition.getJobExecutionId(),
                partition.getStatus());
    }
}
