package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.RunReports;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code execution ID}: one run's step counts and the issues it recorded. */
@Command(name = "execution", description = "One run: parameters, step counts (read, written, filtered, skipped, "
        + "commits, rollbacks) and the issues it recorded.")
final class ExecutionCommand implements Callable<Integer> {

    private static final int ISSUES_SHOWN = 50;

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "ID", converter = Converters.ExecutionId.class, description = "The execution id.")
    long executionId;

    @Autowired
    private SnapshotRuns runs;

    @Autowired
    private RunReports reports;

    @Autowired
    private JdbcTemplate jdbc;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        JobExecution execution = runs.get(executionId);
        console.out().println(reports.of(execution).describe());
        console.out().println("  parameters: " + ExecutionsCommand.parameters(execution));
        for (StepExecution step : execution.getStepExecutions()) {
            console.out().printf("  step %s: %s, read %d, written %d, filtered %d, skipped %d (read %d, process %d, "
                    + "write %d), commits %d, rollbacks %d%n", step.getStepName(), step.getStatus(),
                    step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount(),
                    step.getReadSkipCount(), step.getProcessSkipCount(), step.getWriteSkipCount(),
                    step.getCommitCount(), step.getRollbackCount());
        }
        if (!execution.getExitStatus().getExitDescription().isEmpty()) {
            console.out().println("  exit: " + execution.getExitStatus().getExitDescription().lines().findFirst()
                    .orElse(""));
        }
        console.out().println("  issues (first " + ISSUES_SHOWN + "):");
        jdbc.query("""
                SELECT issue_type, account_id, field, problem, left(raw_value, 80) AS raw_value
                FROM snapshot_run_issues WHERE job_execution_id = ? ORDER BY issue_id LIMIT ?""", rs -> {
            console.out().printf("    %-8s account %-10s %-24s %s%s%n", rs.getString("issue_type"),
                    rs.getString("account_id"), rs.getString("field"), rs.getString("problem"),
                    rs.getString("raw_value") == null ? "" : " (raw: " + rs.getString("raw_value") + ")");
        }, execution.getId(), ISSUES_SHOWN);
        return ExitCodes.COMPLETED;
    }
}
