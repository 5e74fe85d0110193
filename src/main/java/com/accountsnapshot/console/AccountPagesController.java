package com.accountsnapshot.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.accountsnapshot.console.internal.JdbcAccountViews;
import com.accountsnapshot.console.internal.JdbcAccountViews.AccountRow;
import com.accountsnapshot.console.internal.JdbcAccountViews.TimelineRow;
import com.accountsnapshot.job.PositiveId;
import com.accountsnapshot.security.CustomerScope;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Accounts pages: a search by id or name; an account's snapshot timeline with the chart of its health scores
 * and revenue, each snapshot's changes; two of its snapshots compared. Only accounts of the principal's customers
 * exist here: any other is answered as not found (404).
 */
@Controller
class AccountPagesController {

    /** The most snapshots an account page shows (its latest ones). */
    static final int TIMELINE_LIMIT = 400;

    /** How many snapshots a page of the timeline table lists (the chart shows them all). */
    static final int TABLE_PAGE = 50;

    static final int SEARCH_LIMIT = 50;

    private final JdbcAccountViews views;

    AccountPagesController(JdbcAccountViews views) {
        this.views = views;
    }

    @GetMapping("/accounts")
    String search(@RequestParam(required = false) @Nullable String q, Model model) {
        String text = q == null ? "" : q.strip();
        model.addAttribute("q", text);
        model.addAttribute("limit", SEARCH_LIMIT);
        model.addAttribute("accounts", text.isEmpty() ? List.of()
                : views.search(text, SEARCH_LIMIT, CustomerScope.current()));
        return "accounts/search";
    }

    @GetMapping("/accounts/{id}")
    String account(@PathVariable String id, @RequestParam(defaultValue = "0") int page, Model model,
            HttpServletResponse response) {
        CustomerScope scope = CustomerScope.current();
        Optional<AccountRow> account = accountId(id).flatMap(accountId -> views.account(accountId, scope));
        if (account.isEmpty()) {
            return notFound(id, model, response);
        }
        long accountId = account.get().accountId();
        List<TimelineRow> rows = views.timeline(accountId, TIMELINE_LIMIT, scope);
        AccountTimeline timeline = AccountTimeline.of(rows);
        model.addAttribute("account", account.get());
        model.addAttribute("total", views.snapshotCount(accountId, scope));
        model.addAttribute("timeline", timeline);
        List<AccountTimeline.Entry> newestFirst = new ArrayList<>(timeline.entries());
        Collections.reverse(newestFirst);
        int pages = Math.max(1, (newestFirst.size() + TABLE_PAGE - 1) / TABLE_PAGE);
        int shown = Math.min(Math.max(page, 0), pages - 1);
        model.addAttribute("newestFirst", newestFirst);
        model.addAttribute("tablePage", newestFirst.subList(shown * TABLE_PAGE,
                Math.min(newestFirst.size(), (shown + 1) * TABLE_PAGE)));
        model.addAttribute("pageIndex", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("defaultLeft", rows.size() >= 2 ? rows.get(rows.size() - 2).snapshotId() : null);
        model.addAttribute("defaultRight", rows.isEmpty() ? null : rows.get(rows.size() - 1).snapshotId());
        return "accounts/detail";
    }

    @GetMapping("/accounts/{id}/compare")
    String compare(@PathVariable String id, @RequestParam String left, @RequestParam String right, Model model,
            HttpServletResponse response) {
        CustomerScope scope = CustomerScope.current();
        Optional<AccountRow> account = accountId(id).flatMap(accountId -> views.account(accountId, scope));
        if (account.isEmpty()) {
            return notFound(id, model, response);
        }
        long accountId = account.get().accountId();
        Optional<Map<String, JsonNode>> first = positive(left)
                .flatMap(snapshotId -> views.snapshot(accountId, snapshotId, scope));
        Optional<Map<String, JsonNode>> second = positive(right)
                .flatMap(snapshotId -> views.snapshot(accountId, snapshotId, scope));
        if (first.isEmpty() || second.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("message", "Account " + accountId + " has no snapshot "
                    + (first.isEmpty() ? left : right));
            return "not-found";
        }
        model.addAttribute("account", account.get());
        model.addAttribute("comparison", SnapshotComparison.of(first.get(), second.get()));
        return "accounts/compare";
    }

    private static Optional<Long> accountId(String id) {
        return positive(id);
    }

    private static Optional<Long> positive(String id) {
        OptionalLong parsed = PositiveId.parse(id.strip());
        return parsed.isPresent() ? Optional.of(parsed.getAsLong()) : Optional.empty();
    }

    private static String notFound(String id, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("message", "No account has id " + id);
        return "not-found";
    }
}
