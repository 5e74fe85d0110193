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

/** The playbook fields of a snapshot (SPEC §4, "Playbooks"); statuses match case-insensitively, {@code _} as {@code -}. */
final class PlaybookSummarizer {

    static final String IN_PROGRESS = "in-progress";

    static final String COMPLETED = "completed";

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
        List<@Nullable String> running = new ArrayList<>();
        int completed = 0;
        int completedRecently = 0;
        for (PlaybookExecution execution : executions) {
            String status = normalized(execution.status());
            if (IN_PROGRESS.equals(status)) {
                running.add(execution.playbookId());
            }
            else if (COMPLETED.equals(status)) {
                completed++;
                if (execution.completedAt() != null && !execution.completedAt().isBefore(recentSince)) {
                    completedRecently++;
                }
            }
        }
        LastPlaybook last = executions.stream()
                .max(LATEST_STARTED)
                .map(execution -> new LastPlaybook(execution.playbookId(), execution.startedAt()))
                .orElse(null);
        List<String> recommendations = List.copyOf(
                new TreeSet<>(activeTriggerTypes.stream().filter(Objects::nonNull).toList()));
        return new PlaybookSummary(Collections.unmodifiableList(running), running.size(), completed, completedRecently, last, recommendations);
    }

    /** Lower case (root locale) with {@code _} read as {@code -}; not trimmed. */
    static @Nullable String normalized(@Nullable String status) {
        return (status == null) ? null : status.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
