package com.accountsnapshot.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once under faults: a process that died after its batch's run completed but before the events were
 * marked done is caught up on the next tick; one that died between launching a batch's run and recording it on
 * the batch gets that run attached, not a second one; two processes cutting at once cut each event once; a cut
 * that fails halfway leaves nothing. And what operators see: the overview and the meters.
 */
class EventRecoveryTest extends EventsTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    javax.sql.DataSource dataSource;

    @BeforeEach
    void accounts() {
        portfolio.account(1, 5, "One", "10.00", "active", "{}").account(2, 5, "Two", "20.00", "active", "{}");
    }

    @Test
    void eventsOfACompletedRunNotYetMarkedDoneAreMarkedOnTheNextTick() throws Exception {
        // given a batch whose run completed while nothing marked its events (as if serve died right then)
        double servedBefore = meters.timer("account_snapshot.events.latency").count();
        post("/api/events", event("p-1", "PLAYBOOK_EXECUTION_COMPLETED", 5, 1L));
        cutter.cut(Instant.now().plusSeconds(2));
        runner.startWaiting();
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
        assertThat(jdbc.queryForList("SELECT status || ' ' || coalesce(job_execution_id::text, '-') FROM snapshot_events",
                String.class)).containsExactly("batched -");

        // when
        int marked = runner.markDone();

        // then
        Long run = jdbc.queryForObject("SELECT job_execution_id FROM snapshot_event_batches", Long.class);
        assertThat(marked).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT status || ' ' || job_execution_id FROM snapshot_events", String.class))
                .containsExactly("done " + run);
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, run)).isEqualTo("COMPLETED");
        assertThat(meters.timer("account_snapshot.events.latency").count()).isEqualTo((long) servedBefore + 1);
        assertThat(runner.markDone()).isZero();
    }

    @Test
    void aBatchWhoseRunWasLaunchedButNotRecordedIsAttachedToThatRun() throws Exception {
        // given a batch whose run was started without the batch learning of it
        post("/api/events", event("c-1", "ACCOUNT_DATA_CHANGED", 5, 2L));
        long batch = cutter.cut(Instant.now().plusSeconds(2)).get(0);
        var batchRow = jdbc.queryForObject("SELECT event_type, cut_at, event_count, first_event_id "
                + "FROM snapshot_event_batches", (rs, n) -> new com.accountsnapshot.events.internal.EventBatch(batch,
                rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getString(4), "batched", null));
        var launched = runs.start(runs.request(EventRunner.parameters(batchRow)));
        runs.awaitEnd(launched);

        // when
        int started = runner.startWaiting();
        processUntilServed();

        // then
        assertThat(started).isZero();
        assertThat(jdbc.queryForList("SELECT status || ' ' || job_execution_id FROM snapshot_event_batches",
                String.class)).containsExactly("done " + launched.id());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots", Long.class)).containsExactly(2L);
    }

    @Test
    void twoProcessesCuttingAtOnceCutEachEventOnce() throws Exception {
        // given
        for (int i = 1; i <= 200; i++) {
            outbox("u-" + i, "KPI_DATA_UPLOADED", 5, 1L + i % 2);
        }
        Instant later = Instant.now().plusSeconds(2);

        // when two cutters (as of two serve processes) cut at the same time
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> cutter.cut(later));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> cutter.cut(later));
        List<Long> batches = new java.util.ArrayList<>(first.get());
        batches.addAll(second.get());

        // then
        assertThat(batches).hasSize(1);
        assertThat(jdbc.queryForList("SELECT DISTINCT status || ' ' || batch_id FROM snapshot_events",
                String.class)).containsExactly("batched " + batches.get(0));
        assertThat(jdbc.queryForObject("SELECT event_count FROM snapshot_event_batches", Integer.class))
                .isEqualTo(200);
    }

    @Test
    void aCutterThatFindsAnotherCuttingCutsNothingAndTheNextTickCutsAll() throws Exception {
        // given another process in the middle of a cut (it holds the cut lock), and events due
        for (int i = 1; i <= 3; i++) {
            outbox("h-" + i, "KPI_DATA_UPLOADED", 5, 1L);
        }
        Instant later = Instant.now().plusSeconds(2);
        try (java.sql.Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, com.accountsnapshot.events.internal.JdbcEventBatches.CUT_LOCK);
                lock.execute();
            }

            // when
            List<Long> whileHeld = cutter.cut(later);

            // then
            assertThat(whileHeld).isEmpty();
            assertThat(jdbc.queryForList("SELECT status FROM snapshot_events", String.class))
                    .containsExactly("pending", "pending", "pending");
            other.rollback();
        }
        List<Long> afterwards = cutter.cut(later);
        assertThat(afterwards).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT event_count FROM snapshot_event_batches WHERE batch_id = ?",
                Integer.class, afterwards.get(0))).isEqualTo(3);
    }

    @Test
    void aCutThatFailsHalfwayLeavesNoBatchAndItsEventsPending() {
        // given a cut that fails after its batch row, before its accounts (as if the process died there)
        outbox("u-1", "KPI_DATA_UPLOADED", 5, 1L);
        jdbc.execute("""
                CREATE FUNCTION fail_cut() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the process died while cutting'; END $$ LANGUAGE plpgsql""");
        jdbc.execute("""
                CREATE TRIGGER fail_cut BEFORE INSERT ON snapshot_event_batch_accounts
                FOR EACH STATEMENT EXECUTE FUNCTION fail_cut()""");
        try {
            // when
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cutter.cut(Instant.now().plusSeconds(2)))
                    .hasMessageContaining("the process died while cutting");
        }
        finally {
            jdbc.execute("DROP TRIGGER fail_cut ON snapshot_event_batch_accounts");
            jdbc.execute("DROP FUNCTION fail_cut()");
        }

        // then nothing of the cut remains, and the next cut takes the event
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_batches", Integer.class)).isZero();
        assertThat(jdbc.queryForList("SELECT status FROM snapshot_events", String.class)).containsExactly("pending");
        assertThat(cutter.cut(Instant.now().plusSeconds(2))).hasSize(1);
    }

    @Test
    void theOverviewCountsEventsByStatusAndTypeAndListsTheRejectedWithTheirReason() {
        // given
        double receivedBefore = meters.counter("account_snapshot.events.received", "type", "KPI_DATA_UPLOADED",
                "path", "http").count();
        post("/api/events", "[" + event("k-1", "KPI_DATA_UPLOADED", 5, 1L) + ","
                + event("k-2", "KPI_DATA_UPLOADED", 5, 2L) + "]");
        outbox("o-1", "KPI_DATA_UPLOADED", 6, 1L);
        cutter.cut(Instant.now().minusSeconds(60));

        // when
        Answer all = get("/api/events");
        Answer rejected = get("/api/events?status=rejected");
        Answer unknown = get("/api/events?type=NOPE");

        // then
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("counts").toString()).isEqualTo("""
                [{"status":"pending","event_type":"KPI_DATA_UPLOADED","events":2},\
                {"status":"rejected","event_type":"KPI_DATA_UPLOADED","events":1}]""");
        assertThat(all.json().get("oldest_pending_age_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(rejected.json().get("events").valueStream().map(event -> event.get("event_id").asString() + ": "
                + event.get("problem").asString()).toList())
                .isEqualTo(List.of("o-1: account_id: account 1 does not belong to customer 6"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asString()).isEqualTo("type: 'NOPE' is not a known event type");
        assertThat(meters.counter("account_snapshot.events.received", "type", "KPI_DATA_UPLOADED", "path", "http")
                .count()).isEqualTo(receivedBefore + 2);
    }
}
