package com.accountsnapshot.run;

import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

/**
 * The leases of the partitions a worker process runs, one per partition (its step execution) in
 * {@code snapshot_run_leases}, renewed by this process's heartbeat like the leases of its runs. A worker runs a
 * partition only while it holds the partition's lease, and each chunk checks, in its own transaction, that the
 * lease has not been taken over since (fencing by the lease's generation).
 */
@Component
public class PartitionLeases {

    private final RunLeases leases;

    private final LeaseHeartbeat heartbeat;

    PartitionLeases(RunLeases leases, LeaseHeartbeat heartbeat) {
        this.leases = leases;
        this.heartbeat = heartbeat;
    }

    /**
     * Takes the lease of a partition for this process and renews it from now on: a new one, or one whose holder
     * is gone (released, or not renewed within the heartbeat timeout), then in the next generation.
     *
     * @return the generation held, or empty when a live process holds the lease
     */
    public OptionalLong take(long jobExecutionId, long stepExecutionId) {
        OptionalLong generation = leases.acquire(jobExecutionId, stepExecutionId);
        if (generation.isPresent()) {
            heartbeat.renewing(jobExecutionId);
        }
        return generation;
    }

    /** Stops renewing a lease taken with {@link #take} and gives it up, if it is still held in that generation. */
    public void give(long jobExecutionId, long stepExecutionId, long generation) {
        heartbeat.notRenewing(jobExecutionId);
        heartbeat.release(jobExecutionId, stepExecutionId, generation);
    }

    /**
     * Whether this process still holds the partition's lease in that generation. Called inside a chunk's
     * transaction, it keeps the lease share-locked until the chunk commits or rolls back: a process taking the
     * lease over waits for that, and the chunk commits only under a lease that was still held.
     */
    public boolean holds(long jobExecutionId, long stepExecutionId, long generation) {
        return leases.holds(jobExecutionId, stepExecutionId, generation);
    }

    /** Who holds a partition's lease, e.g. {@code host h pid 123 (instance ab12cd34), last heartbeat 3 s ago}. */
    public Optional<String> holder(long jobExecutionId, long stepExecutionId) {
        return leases.find(jobExecutionId, stepExecutionId).map(RunLeases.Lease::describe);
    }
}
