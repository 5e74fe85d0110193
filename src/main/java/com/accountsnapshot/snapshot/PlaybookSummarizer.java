package com.accountsnapshot.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The playbook fields of a snapshot (docs/snapshot-fields.md, "Playbooks") as of the run's instant; statuses match
 * case-insensitively, {@code _} as {@code -}. An execution started after the as-of instant is not there yet; one
 * that ended after it was still running then (see {@link #statusAt}).
 */
final class PlaybookSummarizer {

    static final String IN_PROGRESS = "in-progress";

    static final String COMPLETED = "completed";

    static final String FAILED = "failed";

    static final String CANCELLED = "cancelled";

    static final Duration RECENT_WINDOW = Duration.ofDays(30);

    private static final Comparator<PlaybookExecution> LATEST_STARTED = Comparator
            .comparing(PlaybookExecution::startedAt)
            .thenComparingLong(PlaybookExecution::id);

    private PlaybookSummarizer() {
    }

    /**
     * @param executions the account's executions, ordered by started_at, then id
     * @param activeTriggerTypes playbook_type of the customer's enabled triggers, in any order, repeats allowed
     */
    static PlaybookSummary summarize(List<PlaybookExecution> executions, List<String> activeTriggerTypes,
            Instant asOf) {
        Instant recentSince = asOf.minus(RECENT_WINDOW);
        List<PlaybookExecution> started = executions.stream()
                .filter(execution -> !execution.startedAt().isAfter(asOf))
                .toList();
        List<@Nullable String> running = new ArrayList<>();
        int completed = 0;
        int completedRecently = 0;
        for (PlaybookExecution execution : started) {
            String status = statusAt(execution, asOf);
            if (IN_PROGRESS.equals(status)) {
                running.add(execution.playbookId());
            }
            else if (COMPLETED.equals(status)) {
                completed++;
                if (!execution.completedAt().isBefore(recentSince)) {
                    completedRecently++;
                }
            }
        }
        LastPlaybook last = started.stream()
                .max(LATEST_STARTED)
                .map(execution -> new LastPlaybook(execution.playbookId(), execution.startedAt()))
                .orElse(null);
        List<String> recommendations = List.copyOf(
                new TreeSet<>(activeTriggerTypes.stream().filter(Objects::nonNull).toList()));
        return new PlaybookSummary(Collections.unmodifiableList(running), running.size(), completed, completedRecently, last, recommendations);
    }

    /**
     * An execution's status at {@code asOf} (normalized): {@code completed} only when its completed_at is known
     * and not after {@code asOf}, else it was still {@code in-progress}; a {@code failed} or {@code cancelled}
     * execution whose completed_at is after {@code asOf} was still {@code in-progress}, with completed_at null or
     * not after {@code asOf} it is its status; any other status is read as it is.
     */
    static @Nullable String statusAt(PlaybookExecution execution, Instant asOf) {
        String status = normalized(execution.status());
        Instant end = execution.completedAt();
        if (COMPLETED.equals(status)) {
            return (end != null && !end.isAfter(asOf)) ? COMPLETED : IN_PROGRESS;
        }
        if ((FAILED.equals(status) || CANCELLED.equals(status)) && end != null && end.isAfter(asOf)) {
            return IN_PROGRESS;
        }
        return status;
    }

    /** Lower case (root locale) with {@code _} read as {@code -}; not trimmed. */
    static @Nullable String normalized(@Nullable String status) {
        return (status == null) ? null : status.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
