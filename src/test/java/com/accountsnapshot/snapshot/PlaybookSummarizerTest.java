package com.accountsnapshot.snapshot;

import static com.accountsnapshot.snapshot.AccountContextBuilder.AS_OF;
import static com.accountsnapshot.snapshot.AccountContextBuilder.execution;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlaybookSummarizerTest {

    @Test
    void statusMatchingIgnoresCaseAndReadsUnderscoreAsHyphen() {
        // given
        List<PlaybookExecution> executions = List.of(
                execution(1, "onboarding", "in-progress", "2025-06-01T00:00:00Z", null),
                execution(2, "renewal", "IN_PROGRESS", "2025-06-02T00:00:00Z", null),
                execution(3, "qbr", "In_Progress", "2025-06-03T00:00:00Z", null),
                execution(4, "padded", " in-progress", "2025-06-04T00:00:00Z", null),
                execution(5, "done", "COMPLETED", "2025-06-05T00:00:00Z", "2025-06-06T00:00:00Z"),
                execution(6, "failed", "failed", "2025-06-06T00:00:00Z", "2025-06-07T00:00:00Z"),
                execution(7, "unknown", null, "2025-06-07T00:00:00Z", null));

        // when
        PlaybookSummary summary = PlaybookSummarizer.summarize(executions, List.of(), AS_OF);

        // then: statuses are not trimmed
        assertThat(summary.running()).containsExactly("onboarding", "renewal", "qbr");
        assertThat(summary.runningCount()).isEqualTo(3);
        assertThat(summary.completedCount()).isEqualTo(1);
        assertThat(summary.completedLast30Days()).isEqualTo(1);
    }

    @Test
    void runningKeepsTheGivenOrderAndNullPlaybookIds() {
        List<PlaybookExecution> executions = List.of(
                execution(9, "b", "in-progress", "2025-06-01T00:00:00Z", null),
                execution(10, null, "in-progress", "2025-06-01T00:00:00Z", null),
                execution(3, "a", "in-progress", "2025-06-02T00:00:00Z", null));

        PlaybookSummary summary = PlaybookSummarizer.summarize(executions, List.of(), AS_OF);

        assertThat(summary.running()).containsExactly("b", null, "a");
        assertThat(summary.runningCount()).isEqualTo(3);
    }

    @Test
    void completedInTheLast30DaysIncludesExactlyThirtyDaysBeforeAsOf() {
        // given: asOf is 2025-06-15T02:00:00Z, so the window starts at 2025-05-16T02:00:00Z
        List<PlaybookExecution> executions = List.of(
                execution(1, "edge", "completed", "2025-05-01T00:00:00Z", "2025-05-16T02:00:00Z"),
                execution(2, "just-before", "completed", "2025-05-01T00:00:00Z", "2025-05-16T01:59:59.999Z"),
                execution(3, "no-completion-time", "completed", "2025-06-01T00:00:00Z", null),
                execution(4, "recent", "completed", "2025-06-01T00:00:00Z", "2025-06-10T00:00:00Z"),
                execution(5, "failed-recently", "failed", "2025-06-01T00:00:00Z", "2025-06-10T00:00:00Z"));

        // when
        PlaybookSummary summary = PlaybookSummarizer.summarize(executions, List.of(), AS_OF);

        // then: a completion without a time is not known to have happened by asOf (still running then)
        assertThat(summary.completedCount()).isEqualTo(3);
        assertThat(summary.completedLast30Days()).isEqualTo(2);
        assertThat(summary.running()).containsExactly("no-completion-time");
    }

    @Test
    void executionsAreSummarizedAsTheyStoodAtAsOf() {
        // given: asOf is 2025-06-15T02:00:00Z
        List<PlaybookExecution> executions = List.of(
                execution(1, "done-before", "completed", "2025-06-01T00:00:00Z", "2025-06-15T02:00:00Z"),
                execution(2, "done-after", "Completed", "2025-06-02T00:00:00Z", "2025-06-15T02:00:00.001Z"),
                execution(3, "failed-after", "failed", "2025-06-03T00:00:00Z", "2025-06-16T00:00:00Z"),
                execution(4, "cancelled-after", "CANCELLED", "2025-06-04T00:00:00Z", "2025-06-20T00:00:00Z"),
                execution(5, "failed-before", "failed", "2025-06-05T00:00:00Z", "2025-06-10T00:00:00Z"),
                execution(6, "cancelled-untimed", "cancelled", "2025-06-06T00:00:00Z", null),
                execution(7, "running", "in_progress", "2025-06-07T00:00:00Z", null),
                execution(8, "started-at-as-of", "in-progress", "2025-06-15T02:00:00Z", null),
                execution(9, "started-after", "completed", "2025-06-15T02:00:01Z", "2025-06-15T03:00:00Z"),
                execution(10, "started-after-running", "in-progress", "2025-06-20T00:00:00Z", null));

        // when
        PlaybookSummary summary = PlaybookSummarizer.summarize(executions, List.of(), AS_OF);

        // then: 9 and 10 had not started; 2, 3 and 4 ended after asOf, so they were still running
        assertThat(summary.running()).containsExactly("done-after", "failed-after", "cancelled-after", "running",
                "started-at-as-of");
        assertThat(summary.runningCount()).isEqualTo(5);
        assertThat(summary.completedCount()).isEqualTo(1);
        assertThat(summary.completedLast30Days()).isEqualTo(1);
        assertThat(summary.lastExecuted())
                .isEqualTo(new LastPlaybook("started-at-as-of", Instant.parse("2025-06-15T02:00:00Z")));
    }

    @Test
    void lastExecutedIsTheGreatestStartedAtThenTheGreatestId() {
        List<PlaybookExecution> executions = List.of(
                execution(8, "older", "completed", "2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z"),
                execution(3, "tie-lower-id", "failed", "2025-06-10T00:00:00Z", null),
                execution(5, "tie-greater-id", "cancelled", "2025-06-10T00:00:00Z", null),
                execution(9, "earlier", "in-progress", "2025-06-09T00:00:00Z", null));

        PlaybookSummary summary = PlaybookSummarizer.summarize(executions, List.of(), AS_OF);

        assertThat(summary.lastExecuted())
                .isEqualTo(new LastPlaybook("tie-greater-id", Instant.parse("2025-06-10T00:00:00Z")));
    }

    @Test
    void noExecutionsGiveEmptyListsZeroCountsAndNoLastPlaybook() {
        PlaybookSummary summary = PlaybookSummarizer.summarize(List.of(), List.of(), AS_OF);

        assertThat(summary).isEqualTo(new PlaybookSummary(List.of(), 0, 0, 0, null, List.of()));
    }

    @Test
    void recommendationsAreTheDistinctTriggerTypesSortedAscending() {
        List<String> triggers = java.util.Arrays.asList("renewal", "Churn", null, "adoption", "renewal");

        PlaybookSummary summary = PlaybookSummarizer.summarize(List.of(), triggers, AS_OF);

        assertThat(summary.recommendationsActive()).containsExactly("Churn", "adoption", "renewal");
    }
}
