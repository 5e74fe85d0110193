package com.accountsnapshot.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.console.internal.JdbcConsoleRuns;
import com.accountsnapshot.console.internal.RunFilter;
import com.accountsnapshot.run.RunStatus;
import com.accountsnapshot.security.CustomerScope;
import com.accountsnapshot.snapshot.SnapshotType;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The runs list: the principal's runs, newest first, a page at a time, narrowed by status, type, trigger, scope
 * and the day they were created. A filter value that cannot be used is named next to its field.
 */
@Controller
class RunListController {

    static final int PAGE_SIZE = 25;

    static final List<String> TYPES = Arrays.stream(SnapshotType.values()).map(SnapshotType::code).toList();

    private final JdbcConsoleRuns runs;

    RunListController(JdbcConsoleRuns runs) {
        this.runs = runs;
    }

    @GetMapping("/runs")
    String list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String trigger,
            @RequestParam(required = false) @Nullable String scope,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") String page, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String wantedStatus = blankToNull(status);
        if (wantedStatus != null) {
            wantedStatus = RunStatus.parse(wantedStatus).map(Enum::name).orElse(null);
            if (wantedStatus == null) {
                errors.put("status", "'" + status + "' is not one of " + RunStatus.known());
            }
        }
        String wantedType = blankToNull(type);
        if (wantedType != null && !TYPES.contains(wantedType)) {
            errors.put("type", "'" + type + "' is not one of " + String.join(", ", TYPES));
        }
        String wantedScope = blankToNull(scope);
        if (wantedScope != null && !RunFilter.SCOPES.contains(wantedScope)) {
            errors.put("scope", "'" + scope + "' is not one of " + String.join(", ", RunFilter.SCOPES));
        }
        LocalDate fromDay = day("from", from, errors);
        LocalDate toDay = day("to", to, errors);
        int pageNumber = pageNumber(page, errors);
        RunFilter filter = new RunFilter(wantedStatus, wantedType, blankToNull(trigger), wantedScope, fromDay, toDay);
        model.addAttribute("filter", filter);
        model.addAttribute("errors", errors);
        model.addAttribute("statuses", Arrays.stream(BatchStatus.values()).map(Enum::name).toList());
        model.addAttribute("types", TYPES);
        model.addAttribute("scopes", RunFilter.SCOPES);
        model.addAttribute("query", query(filter));
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "runs/list";
        }
        model.addAttribute("runs", runs.page(filter, pageNumber, PAGE_SIZE, CustomerScope.current()));
        return "runs/list";
    }

    /** The filter as a query string, for the page links. */
    private static String query(RunFilter filter) {
        StringBuilder query = new StringBuilder();
        append(query, "status", filter.status());
        append(query, "type", filter.type());
        append(query, "trigger", filter.trigger());
        append(query, "scope", filter.scope());
        append(query, "from", filter.from());
        append(query, "to", filter.to());
        return query.toString();
    }

    private static void append(StringBuilder query, String name, @Nullable Object value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value.toString(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static @Nullable LocalDate day(String field, @Nullable String text, Map<String, String> errors) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException ex) {
            errors.put(field, "'" + text + "' is not a date such as 2026-11-28");
            return null;
        }
    }

    private static int pageNumber(String text, Map<String, String> errors) {
        try {
            int page = Integer.parseInt(text.trim());
            if (page >= 0 && page <= 100_000) {
                return page;
            }
        }
        catch (NumberFormatException ex) {
            // named below
        }
        errors.put("page", "'" + text + "' is not a page number (0 or more)");
        return 0;
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
