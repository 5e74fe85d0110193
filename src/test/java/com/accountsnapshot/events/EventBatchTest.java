package com.accountsnapshot.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.SnapshotCleanup;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events become runs: a batch per event type, one run per batch over its accounts, the events marked done with
 * that run; invalid outbox rows rejected; a batch overlapping a running run waits for it.
 */
class EventBatchTest extends EventsTest {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void eventsOfEachTypeBecomeOneRunPerTypeOverTheirAccountsAndAreDoneWithIt() {
        // given accounts 1-6 of customers 1 and 2, and events from the outbox and over HTTP
        sixAccounts();
        outbox("u-1", "KPI_DATA_UPLOADED", 1, 1L);
        outbox("u-2", "KPI_DATA_UPLOADED", 1, 3L);
        outbox("u-3", "KPI_DATA_UPLOADED", 1, 1L);
        outbox("u-2", "KPI_DATA_UPLOADED", 1, 3L);
        post("/api/events", "[" + event("u-4", "KPI_DATA_UPLOADED", 2, 2L) + ","
                + event("h-1", "HEALTH_SCORES_UPDATED", 2, null) + "]");
        outbox("bad-1", "KPI_DATA_UPLOADED", 2, 1L);
        outbox("bad-2", "SOMETHING_HAPPENED", 1, 1L);

        // when
        processUntilServed();

        // then two batches with their accounts (h-1 stands for every account of customer 2)
        assertThat(rows("SELECT event_type, event_count, first_event_id, status FROM snapshot_event_batches "
                + "ORDER BY event_type")).containsExactly(
                Map.of("event_type", "HEALTH_SCORES_UPDATED", "event_count", 1, "first_event_id", "h-1",
                        "status", "done"),
                Map.of("event_type", "KPI_DATA_UPLOADED", "event_count", 4, "first_event_id", "u-1",
                        "status", "done"));
        assertThat(accountsOfBatch("HEALTH_SCORES_UPDATED")).containsExactly(2L, 4L, 6L);
        assertThat(accountsOfBatch("KPI_DATA_UPLOADED")).containsExactly(1L, 2L, 3L);
        // every valid event done with the completed run of its batch; the invalid ones rejected with the reason
        assertThat(rows("""
                SELECT e.event_id, e.status, e.problem, x.status AS run_status FROM snapshot_events e
                LEFT JOIN snapshot_event_batches b ON b.batch_id = e.batch_id
                LEFT JOIN batch_job_execution x ON x.job_execution_id = e.job_execution_id
                                               AND x.job_execution_id = b.job_execution_id
                ORDER BY e.event_id""")).containsExactly(
                event("bad-1", "rejected", "account_id: account 1 does not belong to customer 2", null),
                event("bad-2", "rejected", "event_type: 'SOMETHING_HAPPENED' is not a known type; known: "
                        + "KPI_DATA_UPLOADED, HEALTH_SCORES_UPDATED, ACCOUNT_DATA_CHANGED, "
                        + "PLAYBOOK_EXECUTION_COMPLETED", null),
                event("h-1", "done", null, "COMPLETED"),
                event("u-1", "done", null, "COMPLETED"),
                event("u-2", "done", null, "COMPLETED"),
                event("u-3", "done", null, "COMPLETED"),
                event("u-4", "done", null, "COMPLETED"));
        // one snapshot per account and batch, with the type, trigger, reason and as-of of the batch; the health
        // batch shares customer 2 with the upload batch cut before it, so it ran after it, and account 2's
        // upload snapshot was younger than the 1 h cooldown
        assertThat(rows("""
                SELECT s.account_id, s.snapshot_type, s.trigger_event, s.snapshot_reason,
                       s.snapshot_timestamp = b.cut_at AS as_of_is_cut
                FROM account_snapshots s JOIN snapshot_event_batches b ON b.job_execution_id = s.job_execution_id
                ORDER BY s.snapshot_type, s.account_id""")).containsExactly(
                snapshot(4, "post_health_calc", "health_scores_updated", "events: 1 (h-1)"),
                snapshot(6, "post_health_calc", "health_scores_updated", "events: 1 (h-1)"),
                snapshot(1, "post_upload", "kpi_data_uploaded", "events: 4 (u-1 ...)"),
                snapshot(2, "post_upload", "kpi_data_uploaded", "events: 4 (u-1 ...)"),
                snapshot(3, "post_upload", "kpi_data_uploaded", "events: 4 (u-1 ...)"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(5);
    }

    @Test
    void anOutboxEventInATransactionThatRolledBackIsNeverSeen() {
        // given
        sixAccounts();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            outbox("rolled-back", "ACCOUNT_DATA_CHANGED", 1, 1L);
            status.setRollbackOnly();
        });
        outbox("committed", "ACCOUNT_DATA_CHANGED", 1, 3L);

        // when
        processUntilServed();

        // then
        assertThat(jdbc.queryForList("SELECT event_id FROM snapshot_events", String.class))
                .containsExactly("committed");
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots", Long.class)).containsExactly(3L);
    }

    @Test
    void aBatchOverlappingARunningPortfolioRunWaitsForItAndThenRuns() throws Exception {
        // given a full-portfolio run held in its chunk of account 1, and an event for account 3
        sixAccounts();
        held.holdAfterWriting(1);
        var portfolioRun = runs.start(runs.request(Map.of("snapshotType", "scheduled",
                "asOf", Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())));
        held.awaitHeld();
        outbox("changed-3", "ACCOUNT_DATA_CHANGED", 1, 3L);

        // when the batch is cut while the portfolio run goes
        List<Long> cut = cutter.cut(Instant.now().plusSeconds(2));
        runner.startWaiting();

        // then it waits
        assertThat(cut).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT status FROM snapshot_event_batches", String.class))
                .isEqualTo("batched");

        // and when the portfolio run ended, it runs
        held.release();
        JobExecution portfolio = runs.awaitEnd(portfolioRun);
        processUntilServed();
        assertThat(portfolio.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Long eventRun = jdbc.queryForObject("SELECT job_execution_id FROM snapshot_events", Long.class);
        assertThat(eventRun).isGreaterThan(portfolio.getId());
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots WHERE job_execution_id = ?",
                Long.class, eventRun)).containsExactly(3L);
    }

    @Test
    void theSnapshotsOfAnEventRunEqualThoseOfAManualRunOfTheSameAccountsAsOfTheSameInstant() throws Exception {
        // given accounts 1 and 2 (customer 100) and 3 (customer 200) with related rows of every kind
        richAccounts();
        post("/api/events", "[" + event("a-1", "ACCOUNT_DATA_CHANGED", 100, null) + ","
                + event("a-3", "ACCOUNT_DATA_CHANGED", 200, 3L) + "]");
        processUntilServed();
        String asOf = jdbc.queryForObject("SELECT cut_at FROM snapshot_event_batches", Instant.class).toString();
        List<Map<String, Object>> byEvents = fields();

        // when the same accounts are snapshotted by manual runs as of the same instant, from no prior snapshot
        SnapshotCleanup.truncate(jdbc, "snapshot_run_issues");
        runs.run(Map.of("asOf", asOf, "customerId", "100"));
        runs.run(Map.of("asOf", asOf, "accountId", "3"));

        // then every field is the same
        assertThat(byEvents).hasSize(3);
        assertThat(fields()).isEqualTo(byEvents);
    }

    /** Every column but identity, lineage and the insert time. */
    private List<Map<String, Object>> fields() {
        List<Map<String, Object>> rows = rows("SELECT * FROM account_snapshots ORDER BY account_id");
        rows.forEach(row -> List.of("snapshot_id", "snapshot_type", "snapshot_reason", "trigger_event",
                "job_instance_id", "job_execution_id", "created_at").forEach(row::remove));
        return rows;
    }

    private void richAccounts() {
        Instant now = Instant.now();
        portfolio.account(1, 100, "Acme", "1000.00", "active", """
                {"assigned_csm": "Dana", "account_tier": "Gold", "champions": [{"name": "Kim", "status": "active"}],
                 "engagement": {"lifecycle_stage": "adoption", "score": "72.455", "last_qbr_date": "2026-09-15"}}""")
                .account(2, 100, "Beta", "250.50", "churned", "{\"assigned_csm\": 42}")
                .account(3, 200, "Gamma", null, null, null)
                .product(1, 100, 10, "Analytics").product(1, 100, 11, "Billing")
                .kpi(1, 100, 20, null, "Product Usage KPIs", "Daily Active Users", "85%", "high")
                .kpi(1, 100, 21, 10L, "Support", "Ticket Backlog", "3 days", "medium")
                .kpi(2, 100, 22, null, "Customer Sentiment", "NPS", "not measured", "low")
                .trend(2, 100, 2026, 10, "64.25", "70.00", null, "55.10", null, "61.00")
                .execution(1L, 100, 30, "onboarding", "running", now.minus(3, ChronoUnit.DAYS), null)
                .execution(1L, 100, 31, "renewal", "completed", now.minus(20, ChronoUnit.DAYS),
                        now.minus(10, ChronoUnit.DAYS))
                .report(1L, 100, 40, now.minus(5, ChronoUnit.DAYS))
                .note(3, 200, 50, now.minus(1, ChronoUnit.DAYS));
    }

    private void sixAccounts() {
        for (long id = 1; id <= 6; id++) {
            portfolio.account(id, 2 - id % 2, "Account " + id, id + "0.00", "active", "{}");
        }
    }

    private List<Long> accountsOfBatch(String type) {
        return jdbc.queryForList("""
                SELECT a.account_id FROM snapshot_event_batch_accounts a
                JOIN snapshot_event_batches b ON b.batch_id = a.batch_id
                WHERE b.event_type = ? ORDER BY a.account_id""", Long.class, type);
    }

    private static Map<String, Object> event(String id, String status, String problem, String runStatus) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("event_id", id);
        row.put("status", status);
        row.put("problem", problem);
        row.put("run_status", runStatus);
        return row;
    }

    private static Map<String, Object> snapshot(long account, String type, String trigger, String reason) {
        return Map.of("account_id", account, "snapshot_type", type, "trigger_event", trigger, "snapshot_reason",
                reason, "as_of_is_cut", true);
    }
}
