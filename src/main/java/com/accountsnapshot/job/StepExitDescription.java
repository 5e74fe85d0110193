package com.accountsnapshot.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Gives the run's exit status what says why it ended so: first the causes of its steps' failures, one line per
 * failure (each exception and its causes, class and message), then the description of the step it ended in (the
 * single step, or the manager of the partitions), as a job of one step has it. A flow job keeps only its end state's
 * exit code, and the job repository keeps the first 2,500 characters of a description: a stack trace alone would
 * push the cause that matters (a constraint and its key, the skip limit) past them.
 */
final class StepExitDescription implements JobExecutionListener {

    private final Set<String> topLevelSteps;

    StepExitDescription(Set<String> topLevelSteps) {
        this.topLevelSteps = topLevelSteps;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        List<StepExecution> steps = jobExecution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId)).toList();
        List<String> parts = new ArrayList<>();
        steps.forEach(step -> step.getFailureExceptions().forEach(failure -> parts.add(causes(failure))));
        steps.stream().filter(step -> topLevelSteps.contains(step.getStepName())).reduce((first, last) -> last)
                .map(step -> step.getExitStatus().getExitDescription()).ifPresent(parts::add);
        ExitStatus status = jobExecution.getExitStatus();
        parts.add(status.getExitDescription());
        String description = String.join("\n", parts.stream().filter(part -> !part.isEmpty()).distinct().toList());
        jobExecution.setExitStatus(new ExitStatus(status.getExitCode(), description));
    }

    /** {@code FatalStepExecutionException: Unable to process chunk; caused by DuplicateKeyException: ...}. */
    private static String causes(Throwable failure) {
        List<String> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && chain.size() < 10; cause = cause.getCause()) {
            chain.add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        return String.join("; caused by ", chain);
    }
}
