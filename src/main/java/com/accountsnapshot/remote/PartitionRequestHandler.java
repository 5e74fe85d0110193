package com.accountsnapshot.remote;

import java.time.Duration;
import java.util.OptionalLong;

import com.accountsnapshot.run.PartitionLeases;
import org.jspecify.annotations.Nullable;
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
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs the partition a request names, on a worker, unless the request is stale: its step execution has
 * ended, or the run it belongs to has ended (a request left in the queue from a run that failed and was
 * restarted since). A request redelivered because the worker that took it died, or handed back by a worker
 * that stopped, is not stale: the partition resumes after its last committed chunk.
 * <p>
 * While the worker stops, a partition running here is handed over after its current chunk and a request
 * arriving is not started: either way the request goes back to the queue, by an
 * {@link ImmediateRequeueAmqpException} that the listener container answers with a requeue.
 * <p>
 * A partition runs only under its lease ({@link PartitionLeases}): a request for a partition whose lease a live
 * worker holds (a redelivery while that worker still runs it, after it lost its broker connection) is not run
 * here; it goes back to the queue after {@code account-snapshot.remote.leased-request-delay}, and is ignored once
 * the partition has ended. Each chunk checks the lease before it commits ({@link PartitionFencing}); a worker whose
 * lease was taken over drops the partition and acknowledges its request.
 */
class PartitionRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(PartitionRequestHandler.class);

    private final JobRepository jobRepository;

    private final StepLocator steps;

    private final PartitionHandOver handOver;

    private final PartitionLeases leases;

    private final PartitionFencing fencing;

    private final Duration leasedRequestDelay;

    PartitionRequestHandler(JobRepository jobRepository, StepLocator steps, PartitionHandOver handOver,
            PartitionLeases leases, PartitionFencing fencing, Duration leasedRequestDelay) {
        this.leasedRequestDelay = leasedRequestDelay;
        this.jobRepository = jobRepository;
        this.steps = steps;
        this.handOver = handOver;
        this.leases = leases;
        this.fencing = fencing;
    }

    void handle(StepExecutionRequest request) {
        StepExecution requested = runnable(request);
        if (requested == null) {
            return;
        }
        long jobExecutionId = requested.getJobExecutionId();
        long stepExecutionId = request.getStepExecutionId();
        OptionalLong generation;
        try {
            generation = leases.take(jobExecutionId, stepExecutionId);
        }
        catch (DataAccessException ex) {
            log.warn("Could not take the lease of partition request {}: {}", request, ex.toString());
            throw requeueLater(request, "its lease could not be taken");
        }
        if (generation.isEmpty()) {
            log.info("Not running partition request {}: its partition is leased by a live worker, {}", request,
                    leases.holder(jobExecutionId, stepExecutionId).orElse("gone since"));
            throw requeueLater(request, "another worker holds its lease");
        }
        try {
            // read again under the lease: the previous holder may have committed chunks since
            StepExecution partition = runnable(request);
            if (partition != null) {
                run(request, partition, generation.getAsLong());
            }
        }
        finally {
            leases.give(jobExecutionId, stepExecutionId, generation.getAsLong());
        }
    }

    /** The partition the request names, unless the request is stale (then null, logged). */
    private @Nullable StepExecution runnable(StepExecutionRequest request) {
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            log.warn("Ignoring partition request {}: no such step execution", request);
            return null;
        }
        if (!partition.getJobExecution().isRunning()) {
            log.warn("Ignoring partition request {}: its run has ended ({})", request,
                    partition.getJobExecution().getStatus());
            return null;
        }
        if (!partition.getStatus().isRunning()) {
            log.warn("Ignoring partition request {}: the partition is already {}", request, partition.getStatus());
            return null;
        }
        return partition;
    }

    private void run(StepExecutionRequest request, StepExecution partition, long generation) {
        Step step = steps.getStep(request.getStepName());
        if (!handOver.admit(partition)) {
            throw new ImmediateRequeueAmqpException("This worker is stopping: " + partition.getStepName()
                    + " of execution " + partition.getJobExecutionId() + " goes back to the queue");
        }
        boolean handedOver;
        boolean dropped;
        fencing.register(partition, generation);
        try {
            log.info("Running {} of execution {} (lease generation {})", partition.getStepName(),
                    partition.getJobExecutionId(), generation);
            // a partition handed over by a worker that stopped still carries the exit code it stopped with
            partition.setExitStatus(ExitStatus.EXECUTING);
            step.execute(partition);
        }
        catch (JobInterruptedException ex) {
            partition.setStatus(BatchStatus.STOPPED);
        }
        catch (OptimisticLockingFailureException ex) {
            // the partition's row changed between reading it and starting it (its previous holder's last update)
            log.info("{} of execution {} changed as it started here: back to the queue", partition.getStepName(),
                    partition.getJobExecutionId());
            throw new ImmediateRequeueAmqpException("Partition changed as it started: " + request, ex);
        }
        finally {
            dropped = fencing.unregister(partition);
            handedOver = handOver.release(partition);
        }
        if (dropped) {
            log.warn("{} of execution {} dropped: another worker took its lease over after {} accounts here",
                    partition.getStepName(), partition.getJobExecutionId(), partition.getReadCount());
            return;
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

    /**
     * Back to the queue, after the leased-request delay (cut short when the worker stops): a request whose partition
     * another worker runs comes back until that partition ends or its lease dies.
     */
    private ImmediateRequeueAmqpException requeueLater(StepExecutionRequest request, String reason) {
        if (!handOver.isClosed()) {
            try {
                Thread.sleep(leasedRequestDelay.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        return new ImmediateRequeueAmqpException("Partition request " + request + " goes back to the queue: "
                + reason);
    }
}
