package com.accountsnapshot.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import com.accountsnapshot.events.DeadLetters;
import com.accountsnapshot.events.EventOverviews;
import com.accountsnapshot.events.EventsOverview;
import com.accountsnapshot.security.CustomerScope;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Events page: the {@link EventsOverview} the API answers (the principal's customers' events only), as a
 * table of counts by type and status, the oldest pending event's age, the latest batches with their runs and the
 * latest events; for principals of every customer, the dead-letter queue and its replay (OPERATOR).
 */
@Controller
class EventsPageController {

    static final List<String> STATUSES = List.of("pending", "batched", "done", "rejected");

    static final int LATEST = 20;

    static final int REPLAY_LIMIT = 1000;

    private final EventOverviews overviews;

    private final DeadLetters deadLetters;

    EventsPageController(EventOverviews overviews, DeadLetters deadLetters) {
        this.overviews = overviews;
        this.deadLetters = deadLetters;
    }

    /** One event type's counts, by status in {@link #STATUSES} order. */
    record TypeCounts(String type, List<Long> counts) {
    }

    @GetMapping("/events")
    String events(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String type, Model model, HttpServletResponse response) {
        CustomerScope scope = CustomerScope.current();
        String statusFilter = blankToNull(status);
        String typeFilter = blankToNull(type);
        EventsOverview overview;
        try {
            overview = overviews.overview(statusFilter, typeFilter, LATEST,
                    scope.unrestricted() ? null : scope.sqlArray());
        }
        catch (IllegalArgumentException ex) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("refusal", ex.getMessage());
            overview = overviews.overview(null, null, LATEST, scope.unrestricted() ? null : scope.sqlArray());
            statusFilter = null;
            typeFilter = null;
        }
        model.addAttribute("overview", overview);
        model.addAttribute("counts", byType(overview));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", statusFilter);
        model.addAttribute("type", typeFilter);
        model.addAttribute("oldestPendingAge", age(overview.oldestPendingAgeSeconds()));
        model.addAttribute("everyCustomer", scope.unrestricted());
        if (scope.unrestricted()) {
            model.addAttribute("deadLettersConsumed", deadLetters.consumed());
            OptionalLong count = deadLetters.count();
            model.addAttribute("deadLetterCount", count.isPresent() ? count.getAsLong() : null);
        }
        return "events";
    }

    @PostMapping("/events/dlq/replay")
    String replay(RedirectAttributes redirect) {
        try {
            int replayed = deadLetters.replay(REPLAY_LIMIT);
            redirect.addFlashAttribute("notice", replayed + (replayed == 1 ? " dead-lettered event" :
                    " dead-lettered events") + " moved back to the events queue");
        }
        catch (DeadLetters.RefusedException ex) {
            redirect.addFlashAttribute("refusal", "Refused: " + ex.getMessage());
        }
        return "redirect:/events";
    }

    static List<TypeCounts> byType(EventsOverview overview) {
        Map<String, Map<String, Long>> types = new TreeMap<>();
        overview.counts().forEach(count -> types.computeIfAbsent(count.eventType().isEmpty() ? "(none)"
                : count.eventType(), t -> new LinkedHashMap<>()).merge(count.status(), count.events(), Long::sum));
        List<TypeCounts> rows = new ArrayList<>();
        types.forEach((type, byStatus) -> rows.add(new TypeCounts(type,
                STATUSES.stream().map(status -> byStatus.getOrDefault(status, 0L)).toList())));
        return rows;
    }

    /** An age in seconds as "3 d 4 h", "2 h 5 min", "4 min 10 s" or "12 s". */
    static @Nullable String age(@Nullable Long seconds) {
        if (seconds == null) {
            return null;
        }
        long s = Math.max(0, seconds);
        if (s >= 86_400) {
            return s / 86_400 + " d " + s % 86_400 / 3_600 + " h";
        }
        if (s >= 3_600) {
            return s / 3_600 + " h " + s % 3_600 / 60 + " min";
        }
        if (s >= 60) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s + " s";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
