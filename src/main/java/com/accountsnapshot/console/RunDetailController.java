package com.accountsnapshot.console;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.console.internal.JdbcConsoleIssues;
import com.accountsnapshot.console.internal.JdbcConsoleRuns;
import com.accountsnapshot.job.AccountRangePartitioner;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.job.WorkerIdentity;
import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.RunReports;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.security.CustomerScope;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One run: its progress while it runs (polled by the page), its steps' counters, its issues a page at a time,
 * its parameters, the actions the principal may take, and the durations of the last runs of its type.
 */
@Controller
class RunDetailController {

    static final int ISSUES_PAGE_SIZE = 50;

    static final int CHART_RUNS = 30;

    private final SnapshotRuns runs;

    private final RunReports reports;

    private final ScopeCounter scopeCounter;

    private final RunAccess access;

    private final JdbcConsoleRuns consoleRuns;

    private final JdbcConsoleIssues issues;

    RunDetailController(SnapshotRuns runs, RunReports reports, ScopeCounter scopeCounter, RunAccess access,
            JdbcConsoleRuns consoleRuns, JdbcConsoleIssues issues) {
        this.runs = runs;
        this.reports = reports;
        this.scopeCounter = scopeCounter;
        this.access = access;
        this.consoleRuns = consoleRuns;
        this.issues = issues;
    }

    @GetMapping("/runs/{id}")
    String detail(@PathVariable String id, @RequestParam(required = false) @Nullable String field,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "0") String issuesPage, Model model, HttpServletResponse response) {
        JobExecution execution = runs.get(access.visible(null, id));
        RunReport report = reports.of(execution);
        SnapshotRequest request = SnapshotRequest.from(execution.getJobParameters());
        String wantedField = RunListController.blankToNull(field);
        String wantedKind = RunListController.blankToNull(kind);
        int page = 0;
        try {
            page = Math.max(0, Integer.parseInt(issuesPage.trim()));
        }
        catch (NumberFormatException ex) {
            model.addAttribute("issuesError", "'" + issuesPage + "' is not a page number (0 or more)");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        if (wantedKind != null && !JdbcConsoleIssues.KINDS.contains(wantedKind)) {
            model.addAttribute("issuesError", "'" + kind + "' is not one of " + String.join(", ",
                    JdbcConsoleIssues.KINDS));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            wantedKind = null;
        }
        model.addAttribute("execution", execution);
        model.addAttribute("report", report);
        model.addAttribute("scope", request.scope().description());
        model.addAttribute("type", request.type().code());
        model.addAttribute("progress", progress(execution, request));
        model.addAttribute("steps", execution.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId)).toList());
        model.addAttribute("parameters", parameters(execution));
        model.addAttribute("issues", issues.page(execution.getId(), wantedField, wantedKind, page, ISSUES_PAGE_SIZE));
        model.addAttribute("issueFields", issues.fields(execution.getId()));
        model.addAttribute("issueKinds", JdbcConsoleIssues.KINDS);
        model.addAttribute("field", wantedField);
        model.addAttribute("kind", wantedKind);
        model.addAttribute("canStop", execution.isRunning());
        model.addAttribute("canRestart", execution.getStatus() == BatchStatus.FAILED
                || execution.getStatus() == BatchStatus.STOPPED);
        model.addAttribute("canRecover", execution.isRunning() || execution.getStatus() == BatchStatus.UNKNOWN);
        model.addAttribute("durations", consoleRuns.durations(request.type().code(), CHART_RUNS,
                CustomerScope.current()));
        return "runs/detail";
    }

    /**
     * The progress panel alone, which the page polls while the run goes on; once the run has ended the page
     * is told to reload, so that it shows the final counters and no further polling.
     */
    @GetMapping("/runs/{id}/progress")
    String progress(@PathVariable String id, Model model, HttpServletResponse response,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx) {
        JobExecution execution = runs.get(access.visible(null, id));
        RunProgress progress = progress(execution, SnapshotRequest.from(execution.getJobParameters()));
        if (!progress.running() && htmx != null) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("execution", execution);
        model.addAttribute("progress", progress);
        return "runs/detail :: progress";
    }

    /**
     * Accounts read of those in scope, overall and per partition. A completed run read every account of its
     * scope, so its counts are its totals; otherwise the accounts in scope are counted.
     */
    private RunProgress progress(JobExecution execution, SnapshotRequest request) {
        List<StepExecution> chunkSteps = RunReport.chunkSteps(execution).stream()
                .sorted(Comparator.comparing(StepExecution::getStepName)).toList();
        boolean completed = execution.getStatus() == BatchStatus.COMPLETED;
        List<RunProgress.Partition> partitions = new ArrayList<>();
        long done = 0;
        for (StepExecution step : chunkSteps) {
            done += step.getReadCount();
        }
        long total = completed ? done : scopeCounter.accountsIn(request);
        for (StepExecution step : chunkSteps) {
            ExecutionContext context = step.getExecutionContext();
            long read = step.getReadCount();
            long share = step.getStatus() == BatchStatus.COMPLETED ? read
                    : context.containsKey(AccountRangePartitioner.MIN_ACCOUNT_ID)
                            ? scopeCounter.accountsIn(request.scope(),
                                    context.getLong(AccountRangePartitioner.MIN_ACCOUNT_ID),
                                    context.getLong(AccountRangePartitioner.MAX_ACCOUNT_ID))
                            : total;
            partitions.add(new RunProgress.Partition(step.getStepName(), step.getStatus().name(),
                    context.containsKey(WorkerIdentity.KEY) ? context.getString(WorkerIdentity.KEY) : null, read,
                    share));
        }
        LocalDateTime start = execution.getStartTime();
        Double rate = null;
        Duration eta = null;
        if (start != null && done > 0) {
            LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
            double seconds = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
            rate = done / seconds;
            if (execution.isRunning()) {
                eta = Duration.ofSeconds((long) Math.ceil(Math.max(0, total - done) / rate));
            }
        }
        return new RunProgress(execution.getStatus().name(), execution.isRunning(), done, total, rate, eta, partitions);
    }

    /** The parameters the run was launched with, by name. */
    private static Map<String, String> parameters(JobExecution execution) {
        Map<String, String> parameters = new LinkedHashMap<>();
        execution.getJobParameters().parameters().stream()
                .sorted(Comparator.comparing(JobParameter::name))
                .forEach(parameter -> parameters.put(parameter.name(), String.valueOf(parameter.value())));
        return parameters;
    }
}
