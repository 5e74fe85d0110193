package com.accountsnapshot.job;

import java.util.Collection;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Runs the partitions of a partitioned run on as many threads, and into as many partitions, as the run's shape
 * recorded (see {@link RunShape}), not as the current settings say. A restart resumes the partitions the run
 * made, whatever their number.
 */
final class RunShapePartitionHandler implements PartitionHandler {

    private final Step workerStep;

    private final SnapshotJobProperties properties;

    RunShapePartitionHandler(Step workerStep, SnapshotJobProperties properties) {
        this.workerStep = workerStep;
        this.properties = properties;
    }

    @Override
    public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        int threads = RunShape.from(managerStepExecution.getJobParameters(), properties).threads();
        SimpleAsyncTaskExecutor partitions = new SimpleAsyncTaskExecutor("snapshot-partition-");
        partitions.setConcurrencyLimit(threads);
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(workerStep);
        handler.setTaskExecutor(partitions);
        handler.setGridSize(threads);
        handler.afterPropertiesSet();
        return handler.handle(splitter, managerStepExecution);
    }
}
