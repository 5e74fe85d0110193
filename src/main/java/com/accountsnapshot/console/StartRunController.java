package com.accountsnapshot.console;

import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.console.internal.JdbcConsoleAccounts;
import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.job.PositiveId;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.security.CustomerScope;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The form that starts a run of the portfolio, a customer or an account, with the API's checks and refusals:
 * a bad value is named next to its field (400), a scope outside the principal's customers is refused (403,
 * audited), an overlapping or already completed run is refused (409, audited by the run operations).
 */
@Controller
class StartRunController {

    private final SnapshotRuns runs;

    private final JdbcConsoleAccounts accounts;

    private final OperatorAudit audit;

    StartRunController(SnapshotRuns runs, JdbcConsoleAccounts accounts, OperatorAudit audit) {
        this.runs = runs;
        this.accounts = accounts;
        this.audit = audit;
    }

    /** The form's fields as typed; the field names are the run parameters' names. */
    record StartForm(@Nullable String scope, @Nullable String customerId, @Nullable String accountId,
            @Nullable String snapshotType, @Nullable String asOf, @Nullable String reason, @Nullable String force) {

        static StartForm empty() {
            return new StartForm("account", null, null, "manual", null, null, null);
        }

        public boolean forced() {
            return "true".equals(force) || "on".equals(force);
        }
    }

    @GetMapping("/runs/new")
    String form(Model model) {
        return show(model, StartForm.empty(), Map.of(), null);
    }

    @PostMapping("/runs")
    String start(@ModelAttribute StartForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) throws Exception {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> parameters = parameters(form, errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(model, form, errors, null);
        }
        String refusal = outsideCustomers(parameters, CustomerScope.current());
        if (refusal != null) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return show(model, form, Map.of(), "Refused: " + refusal);
        }
        try {
            SnapshotRequest request = runs.request(parameters);
            long executionId = runs.start(request).id();
            redirect.addFlashAttribute("notice", "Execution " + executionId + " started: "
                    + request.scope().description() + " as of " + request.asOf());
            return "redirect:/runs/" + executionId;
        }
        catch (InvalidSnapshotRequestException ex) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(model, form, Map.of(ex.parameter(), ex.problem()), null);
        }
        catch (RunRefusedException | JobExecutionException ex) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return show(model, form, Map.of(), "Refused: " + ex.getMessage());
        }
    }

    private static String show(Model model, StartForm form, Map<String, String> errors, @Nullable String refusal) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        model.addAttribute("types", RunListController.TYPES);
        return "runs/new";
    }

    /** The run parameters of the scope chosen; a missing or malformed id is named next to its field. */
    private static Map<String, String> parameters(StartForm form, Map<String, String> errors) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String scope = form.scope() == null ? "" : form.scope();
        switch (scope) {
            case "portfolio" -> {
            }
            case "customer" -> id(SnapshotRequest.CUSTOMER_ID, form.customerId(), "customer", parameters, errors);
            case "account" -> id(SnapshotRequest.ACCOUNT_ID, form.accountId(), "account", parameters, errors);
            default -> errors.put("scope", "choose the portfolio, a customer or an account");
        }
        put(parameters, SnapshotRequest.SNAPSHOT_TYPE, form.snapshotType());
        put(parameters, SnapshotRequest.AS_OF, form.asOf());
        put(parameters, SnapshotRequest.REASON, form.reason());
        parameters.put(SnapshotRequest.FORCE, String.valueOf(form.forced()));
        return parameters;
    }

    private static void id(String name, @Nullable String text, String what, Map<String, String> parameters,
            Map<String, String> errors) {
        String value = RunListController.blankToNull(text);
        if (value == null) {
            errors.put(name, "give the " + what + " id");
        }
        else if (PositiveId.parse(value).isEmpty()) {
            errors.put(name, "'" + value + "' is not a positive whole number");
        }
        else {
            parameters.put(name, value);
        }
    }

    private static void put(Map<String, String> parameters, String name, @Nullable String value) {
        String given = RunListController.blankToNull(value);
        if (given != null) {
            parameters.put(name, given);
        }
    }

    /**
     * Why a principal limited to some customers may not start this run (null when it may), audited as refused:
     * a full-portfolio run, another customer, or an account that is not theirs, existing or not.
     */
    private @Nullable String outsideCustomers(Map<String, String> parameters, CustomerScope scope) {
        if (scope.unrestricted()) {
            return null;
        }
        String customer = parameters.get(SnapshotRequest.CUSTOMER_ID);
        String account = parameters.get(SnapshotRequest.ACCOUNT_ID);
        String refusal = null;
        if (account == null && customer == null) {
            refusal = "a full-portfolio run needs a principal of every customer";
        }
        else if (customer != null && !scope.includes(Long.valueOf(customer))) {
            refusal = "customer " + customer + " is not one of the principal's customers";
        }
        else if (account != null && accounts.customerOf(Long.parseLong(account), scope).isEmpty()) {
            refusal = "account " + account + " is not an account of the principal's customers";
        }
        if (refusal != null) {
            audit.refused("start", account != null ? "account " + account
                    : customer != null ? "customer " + customer : "portfolio", refusal);
        }
        return refusal;
    }
}
