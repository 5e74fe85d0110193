package com.accountsnapshot.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cooldown decides which accounts of a batch get a new snapshot: a second burst for the same accounts 10
 * minutes (of as-of time) after the first is filtered under the 1 h post_upload cooldown, and snapshotted again
 * without one. Every event of both bursts is done with its run, filtered or not.
 */
class EventCooldownTest extends EventsTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aSecondBurstTenMinutesLaterIsFilteredByTheCooldown() throws Exception {
        // when
        twoBursts();

        // then the second run read the 3 accounts and filtered them all
        assertThat(snapshotTimestamps()).containsExactly(NOW.minus(10, ChronoUnit.MINUTES),
                NOW.minus(10, ChronoUnit.MINUTES), NOW.minus(10, ChronoUnit.MINUTES));
        assertThat(counts(secondRun())).isEqualTo("read=3 filtered=3 written=0");
        assertEveryEventDoneWithItsRun();
    }

    @Nested
    @TestPropertySource(properties = "account-snapshot.job.cooldown.post-upload=0s")
    class WithoutCooldown {

        @Test
        void aSecondBurstTenMinutesLaterIsSnapshottedAgain() throws Exception {
            // when
            twoBursts();

            // then
            assertThat(snapshotTimestamps()).containsExactly(NOW.minus(10, ChronoUnit.MINUTES),
                    NOW.minus(10, ChronoUnit.MINUTES), NOW.minus(10, ChronoUnit.MINUTES), NOW, NOW, NOW);
            assertThat(counts(secondRun())).isEqualTo("read=3 filtered=0 written=3");
            assertEveryEventDoneWithItsRun();
        }
    }

    /** Uploads for accounts 1-3 arriving 12 and 2 minutes ago, each burst cut 2 minutes after its arrival. */
    void twoBursts() throws Exception {
        for (long id = 1; id <= 3; id++) {
            portfolio.account(id, 7, "Account " + id, "10.00", "active", "{}");
        }
        burst("first", NOW.minus(12, ChronoUnit.MINUTES));
        assertThat(cutter.cut(NOW.minus(10, ChronoUnit.MINUTES))).hasSize(1);
        runner.startWaiting();
        processUntilServed();
        burst("second", NOW.minus(2, ChronoUnit.MINUTES));
        assertThat(cutter.cut(NOW)).hasSize(1);
        runner.startWaiting();
        processUntilServed();
    }

    private void burst(String name, Instant receivedAt) {
        for (long id = 1; id <= 3; id++) {
            jdbc.update("""
                    INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at, received_at)
                    VALUES (?, 'KPI_DATA_UPLOADED', 7, ?, ?, ?)""", name + "-" + id, id,
                    Timestamp.from(receivedAt.minus(Duration.ofSeconds(5))), Timestamp.from(receivedAt));
        }
    }

    private List<Instant> snapshotTimestamps() {
        return jdbc.queryForList("SELECT snapshot_timestamp FROM account_snapshots ORDER BY snapshot_timestamp, "
                + "account_id", Timestamp.class).stream().map(Timestamp::toInstant).toList();
    }

    private long secondRun() {
        return jdbc.queryForObject("SELECT job_execution_id FROM snapshot_event_batches WHERE first_event_id = "
                + "'second-1'", Long.class);
    }

    private String counts(long executionId) {
        return jdbc.queryForObject("""
                SELECT 'read=' || sum(read_count) || ' filtered=' || sum(filter_count) || ' written=' || sum(write_count)
                FROM batch_step_execution WHERE job_execution_id = ?""", String.class, executionId);
    }

    private void assertEveryEventDoneWithItsRun() {
        assertThat(jdbc.queryForList("""
                SELECT e.event_id || ' ' || e.status || ' ' || x.status FROM snapshot_events e
                JOIN snapshot_event_batches b ON b.batch_id = e.batch_id AND b.job_execution_id = e.job_execution_id
                JOIN batch_job_execution x ON x.job_execution_id = e.job_execution_id
                ORDER BY e.event_id""", String.class)).containsExactly("first-1 done COMPLETED",
                "first-2 done COMPLETED", "first-3 done COMPLETED", "second-1 done COMPLETED",
                "second-2 done COMPLETED", "second-3 done COMPLETED");
    }
}
