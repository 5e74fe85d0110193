package com.accountsnapshot.job;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Ends a step that completed but skipped accounts with the exit code {@value #COMPLETED_WITH_SKIPS}, which
 * the job takes over from its step: a run that left accounts out reads differently from a clean one (SPEC §7),
 * while its status stays COMPLETED.
 */
class CompletedWithSkipsListener implements StepExecutionListener {

    static final String COMPLETED_WITH_SKIPS = "COMPLETED WITH SKIPS";

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED || stepExecution.getSkipCount() == 0) {
            return null;
        }
        return new ExitStatus(COMPLETED_WITH_SKIPS, stepExecution.getSkipCount() + " accounts skipped");
    }
}
