package com.accountsnapshot.job;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * Checked by the chunk step between two chunks: a step whose execution is flagged to terminate, or whose thread
 * was interrupted, stops there and ends STOPPED, restartable after its last committed chunk. Spring Batch 6.0.6's
 * own policy ends the chunk loop on a thread interrupt without flagging the execution, so the step ends COMPLETED
 * with accounts left unread (a message listener container interrupts its consumer threads when it stops). The
 * interrupt is consumed here as the stop request it is, so that the step can still save its final state.
 */
class StopOnInterruptPolicy implements StepInterruptionPolicy {

    @Override
    public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
        if (Thread.interrupted()) {
            stepExecution.setTerminateOnly();
        }
        if (stepExecution.isTerminateOnly()) {
            throw new JobInterruptedException("Step " + stepExecution.getStepName() + " stopped between two chunks");
        }
    }
}
