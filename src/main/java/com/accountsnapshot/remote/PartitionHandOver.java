package com.accountsnapshot.remote;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The partitions running in this worker process, and their hand-over when the worker stops: each one stops at
 * the end of its current chunk and stays STARTED, with the state saved by that chunk, as a partition whose worker
 * was killed does; its request goes back to the queue and the next worker resumes it from there.
 * <p>
 * As a listener of the worker step it turns the STOPPED that ends such a partition back into STARTED before
 * the step's last update of the job repository, so the update that ends the partition here is the one that hands
 * it over. The manager waits for every partition to leave the running statuses: it never sees this one end, and
 * the run completes without a restart. A partition stopped because its run is being stopped ({@code stop ID})
 * stays STOPPED.
 */
class PartitionHandOver implements StepExecutionListener {

    /** The exit code of a partition handed over, until the next worker resumes it. */
    private static final String HANDED_OVER = "HANDED OVER";

    private final Map<Long, StepExecution> running = new HashMap<>();

    private final Set<Long> stopping = new HashSet<>();

    private final Set<Long> handedOver = new HashSet<>();

    private boolean closed;

    private int handedOverCount;

    /**
     * Registers a partition about to run in this process; refused (false) once the worker is stopping, so that
     * the request goes back to the queue untouched.
     */
    synchronized boolean admit(StepExecution partition) {
        if (closed) {
            return false;
        }
        running.put(partition.getId(), partition);
        return true;
    }

    /**
     * The partition is no longer running here; returns whether it stopped to be handed over, so that its request
     * must go back to the queue.
     */
    synchronized boolean release(StepExecution partition) {
        running.remove(partition.getId());
        stopping.remove(partition.getId());
        return handedOver.remove(partition.getId());
    }

    /**
     * Admits no more partitions and asks each running one to stop at the end of its current chunk, to be handed
     * over; returns how many are running.
     */
    synchronized int handOverAll() {
        closed = true;
        for (StepExecution partition : running.values()) {
            stopping.add(partition.getId());
            partition.setTerminateOnly();
        }
        return running.size();
    }

    /** Whether the worker is stopping: no partition is admitted any more. */
    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int runningCount() {
        return running.size();
    }

    /** How many partitions this process has handed over. */
    synchronized int handedOverCount() {
        return handedOverCount;
    }

    @Override
    public synchronized @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (!stopping.contains(stepExecution.getId()) || stepExecution.getStatus() != BatchStatus.STOPPED
                || stepExecution.getJobExecution().isStopping()) {
            return null;
        }
        handedOver.add(stepExecution.getId());
        handedOverCount++;
        stepExecution.setStatus(BatchStatus.STARTED);
        stepExecution.setEndTime(null);
        // outranks the interruption's STOPPED: the row tells what happened until the next worker resumes it
        return new ExitStatus(HANDED_OVER, "its worker stopped after committing a chunk; the next worker resumes it");
    }
}
