package com.accountsnapshot.console;

import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Stop, restart and recover from a run's page (OPERATOR), through {@link SnapshotRuns} as the API and the
 * command line do: the same refusals, audited alike. The answer is the run's page (a restart's: the new
 * execution's) with what happened, or why it was refused, at the top.
 */
@Controller
class RunActionController {

    private final SnapshotRuns runs;

    private final RunAccess access;

    RunActionController(SnapshotRuns runs, RunAccess access) {
        this.runs = runs;
        this.access = access;
    }

    @PostMapping("/runs/{id}/stop")
    String stop(@PathVariable String id, RedirectAttributes redirect) throws Exception {
        long executionId = access.visible("stop", id);
        return act(executionId, redirect, () -> {
            runs.stop(executionId);
            return new Outcome(executionId, "Execution " + executionId + " was asked to stop after its current chunk");
        });
    }

    @PostMapping("/runs/{id}/restart")
    String restart(@PathVariable String id, RedirectAttributes redirect) throws Exception {
        long executionId = access.visible("restart", id);
        return act(executionId, redirect, () -> {
            long restarted = runs.restart(executionId).id();
            return new Outcome(restarted, "Execution " + executionId + " restarted as execution " + restarted);
        });
    }

    @PostMapping("/runs/{id}/recover")
    String recover(@PathVariable String id, @RequestParam(defaultValue = "false") boolean force,
            RedirectAttributes redirect) throws Exception {
        long executionId = access.visible("recover", id);
        return act(executionId, redirect, () -> {
            JobExecution recovered = runs.recover(executionId, force);
            return new Outcome(executionId, "Execution " + executionId + " recovered: it is "
                    + recovered.getStatus() + " now and can be restarted");
        });
    }

    private record Outcome(long executionId, String message) {
    }

    private interface Action {
        Outcome run() throws Exception;
    }

    private static String act(long executionId, RedirectAttributes redirect, Action action) throws Exception {
        try {
            Outcome outcome = action.run();
            redirect.addFlashAttribute("notice", outcome.message());
            return "redirect:/runs/" + outcome.executionId();
        }
        catch (RunRefusedException ex) {
            if (ex.reason() == RunRefusedException.Reason.UNKNOWN_EXECUTION) {
                throw ex;
            }
            redirect.addFlashAttribute("refusal", "Refused: " + ex.getMessage());
        }
        catch (JobExecutionException ex) {
            redirect.addFlashAttribute("refusal", "Refused: " + ex.getMessage());
        }
        return "redirect:/runs/" + executionId;
    }
}
