package com.accountsnapshot.remote;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.accountsnapshot.run.PartitionLeases;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Fencing of the partitions a worker runs: before a chunk of a partition is written, in the chunk's transaction,
 * it checks that this process still holds the partition's lease in the generation it took
 * ({@link PartitionLeases#holds}, which share-locks the lease until the chunk commits). A worker whose lease was
 * taken over (it stopped renewing it, paused or cut off from the database, and another worker took the partition
 * up) fails that check: the chunk rolls back, nothing of it is written, and the partition is dropped here.
 * <p>
 * A dropped partition belongs to its new holder: as a listener of the worker step it leaves the partition's row as
 * the new holder has it (status STARTED, the execution context read back from the job repository) rather than
 * writing this worker's stale state over it. Partitions not registered here (not taken under a lease) are not
 * checked.
 */
class PartitionFencing implements StepExecutionListener, ItemWriteListener<Object> {

    private static final Logger log = LoggerFactory.getLogger(PartitionFencing.class);

    /** The exit code this worker leaves on a partition it dropped, should its last update reach the row. */
    static final String LEASE_LOST = "LEASE LOST";

    private final PartitionLeases leases;

    private final JobRepository jobRepository;

    /** The generation of the lease held, by step execution id, for the partitions running here. */
    private final Map<Long, Long> generations = new ConcurrentHashMap<>();

    private final Set<Long> fenced = ConcurrentHashMap.newKeySet();

    private final AtomicInteger chunksRolledBack = new AtomicInteger();

    PartitionFencing(PartitionLeases leases, JobRepository jobRepository) {
        this.leases = leases;
        this.jobRepository = jobRepository;
    }

    /** The partition runs here under its lease in this generation: its chunks are checked from now on. */
    void register(StepExecution partition, long generation) {
        fenced.remove(partition.getId());
        generations.put(partition.getId(), generation);
    }

    /** The partition no longer runs here; returns whether it was dropped because its lease was taken over. */
    boolean unregister(StepExecution partition) {
        generations.remove(partition.getId());
        return fenced.remove(partition.getId());
    }

    /** How many chunks this process rolled back because their partition's lease was taken over. */
    int chunksRolledBack() {
        return chunksRolledBack.get();
    }

    @Override
    public void beforeWrite(Chunk<?> items) {
        var context = StepSynchronizationManager.getContext();
        if (context == null) {
            return;
        }
        StepExecution partition = context.getStepExecution();
        Long generation = generations.get(partition.getId());
        if (generation == null) {
            return;
        }
        if (!leases.holds(partition.getJobExecutionId(), partition.getId(), generation)) {
            fenced.add(partition.getId());
            chunksRolledBack.incrementAndGet();
            String holder = leases.holder(partition.getJobExecutionId(), partition.getId()).orElse("no one");
            log.warn("{} of execution {}: the lease of generation {} was taken over (now held by {}): this chunk "
                    + "rolls back and the partition is dropped here", partition.getStepName(),
                    partition.getJobExecutionId(), generation, holder);
            throw new PartitionLeaseLostException(partition.getStepName() + " of execution "
                    + partition.getJobExecutionId() + " is leased by another worker since generation " + generation);
        }
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (!fenced.contains(stepExecution.getId())) {
            return null;
        }
        StepExecution current = jobRepository.getStepExecution(stepExecution.getId());
        if (current != null) {
            // the step writes its execution context last thing: write back the new holder's, not ours
            stepExecution.setExecutionContext(current.getExecutionContext());
        }
        stepExecution.setStatus(BatchStatus.STARTED);
        stepExecution.setEndTime(null);
        return new ExitStatus(LEASE_LOST, "its worker lost the partition's lease; another worker runs it");
    }

    /** A chunk of a partition whose lease this process no longer holds: it must not commit. */
    static final class PartitionLeaseLostException extends RuntimeException {

        PartitionLeaseLostException(String message) {
            super(message);
        }
    }
}
