package com.accountsnapshot.job;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.Step;

/**
 * Builds the manager step of a run whose partitions are run by other processes. Provided when this process
 * manages remote partitions ({@code account-snapshot.remote.enabled=true}); the job then starts with that step, and
 * each partition runs {@link AccountSnapshotJobConfiguration#WORKER_STEP_NAME} wherever a worker takes it.
 */
@FunctionalInterface
public interface ManagerStepFactory {

    /**
     * @param name the manager step's name
     * @param workerStepName the step each partition runs
     * @param partitioner splits the run's scope into partitions
     * @param gridSize how many partitions to ask the partitioner for
     */
    Step managerStep(String name, String workerStepName, Partitioner partitioner, int gridSize);
}
