package com.accountsnapshot.job;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Puts the run's ids in the MDC of every line logged inside a run, so that structured logs (e.g.
 * {@code logging.structured.format.console=ecs}) carry them as fields: {@value #JOB_EXECUTION_ID} on the job's
 * thread for the whole run, and {@value #JOB_EXECUTION_ID} with {@value #STEP_EXECUTION_ID} on the thread of each
 * chunk step, including the threads of partitions and remote workers. {@value #ACCOUNT_ID} is set by the
 * processor around each account.
 */
final class RunLogContext implements JobExecutionListener, StepExecutionListener {

    static final String JOB_EXECUTION_ID = "jobExecutionId";

    static final String STEP_EXECUTION_ID = "stepExecutionId";

    static final String ACCOUNT_ID = "accountId";

    /** The thread's context from before its step, given back after it (a worker's thread outlives its step). */
    private final ThreadLocal<@Nullable Map<String, String>> beforeStep = new ThreadLocal<>();

    @Override
    public void beforeJob(JobExecution jobExecution) {
        MDC.put(JOB_EXECUTION_ID, Long.toString(jobExecution.getId()));
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        MDC.remove(JOB_EXECUTION_ID);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        beforeStep.set(MDC.getCopyOfContextMap());
        MDC.put(JOB_EXECUTION_ID, Long.toString(stepExecution.getJobExecutionId()));
        MDC.put(STEP_EXECUTION_ID, Long.toString(stepExecution.getId()));
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        Map<String, String> previous = beforeStep.get();
        beforeStep.remove();
        if (previous == null) {
            MDC.clear();
        }
        else {
            MDC.setContextMap(previous);
        }
        return null;
    }
}
