package com.accountsnapshot.events.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code snapshot_event_batches} and {@code snapshot_event_batch_accounts}: cuts pending events into batches, and
 * follows each batch's run until it completed and its events are done.
 */
public class JdbcEventBatches {

    /** The advisory lock key of cuts (any constant shared by every process of the product). */
    public static final long CUT_LOCK = 0x5A4E4150_43555453L;

    /** Rows another process is cutting are skipped: each event lands in one batch. */
    private static final String LOCK_PENDING = """
            SELECT event_id, event_type, customer_id, account_id, occurred_at, payload::text AS payload, source,
                   received_at
            FROM snapshot_events WHERE status = 'pending'
            ORDER BY received_at, event_id
            FOR UPDATE SKIP LOCKED""";

    private static final String INSERT_BATCH = """
            INSERT INTO snapshot_event_batches (event_type, cut_at, event_count, first_event_id)
            VALUES (:type, :cutAt, :count, :firstEventId)
            RETURNING batch_id""";

    private static final String ATTACH_EVENTS = """
            UPDATE snapshot_events SET status = 'batched', batch_id = :batch WHERE event_id IN (:eventIds)""";

    /** A customer-wide event stands for the customer's accounts as they are when the batch is cut. */
    private static final String INSERT_ACCOUNTS = """
            INSERT INTO snapshot_event_batch_accounts (batch_id, account_id, customer_id)
            SELECT DISTINCT :batch, a.account_id, a.customer_id
            FROM snapshot_events e
            JOIN accounts a ON a.customer_id = e.customer_id AND (e.account_id IS NULL OR a.account_id = e.account_id)
            WHERE e.batch_id = :batch""";

    private static final String BATCH_COLUMNS = """
            batch_id, event_type, cut_at, event_count, first_event_id, status, job_execution_id""";

    /** The run that serves a batch carries its id as the identifying parameter {@code eventBatchId}. */
    private static final String EXECUTION_OF_BATCH = """
            SELECT max(p.job_execution_id) FROM batch_job_execution_params p
            JOIN batch_job_execution e ON e.job_execution_id = p.job_execution_id
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE i.job_name = 'accountSnapshotJob' AND p.parameter_name = 'eventBatchId'
              AND p.parameter_value = CAST(:batch AS varchar)""";

    /**
     * Started batches whose run (the attached execution or a restart of it) completed: their events are marked
     * done with that run, and so are they. Returns the arrival of each event marked done.
     */
    private static final String MARK_DONE = """
            WITH completed AS (
                SELECT b.batch_id, max(later.job_execution_id) AS execution_id
                FROM snapshot_event_batches b
                JOIN batch_job_execution attached ON attached.job_execution_id = b.job_execution_id
                JOIN batch_job_execution later ON later.job_instance_id = attached.job_instance_id
                                              AND later.status = 'COMPLETED'
                WHERE b.status = 'started'
                GROUP BY b.batch_id
            ), batches AS (
                UPDATE snapshot_event_batches b SET status = 'done', job_execution_id = c.execution_id
                FROM completed c WHERE b.batch_id = c.batch_id
            )
            UPDATE snapshot_events e SET status = 'done', job_execution_id = c.execution_id
            FROM completed c WHERE e.batch_id = c.batch_id AND e.status = 'batched'
            RETURNING e.received_at""";

    private final JdbcTemplate jdbc;

    private final NamedParameterJdbcTemplate named;

    public JdbcEventBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Whether this transaction may cut: one process cuts at a time, so the events due at once go in one batch per
     * type (row locks alone would let two cutters share them out); the lock is released when the transaction ends.
     */
    public boolean tryLockCutting() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                CUT_LOCK));
    }

    /** The pending events no other process is cutting, oldest first, locked until the transaction ends. */
    public List<PendingEvent> lockPending() {
        return jdbc.query(LOCK_PENDING, (rs, n) -> new PendingEvent(new EventRow(rs.getString("event_id"),
                rs.getString("event_type"), nullableLong(rs, "customer_id"), nullableLong(rs, "account_id"),
                instant(rs, "occurred_at"), rs.getString("payload"), rs.getString("source")),
                instant(rs, "received_at")));
    }

    public void reject(String eventId, String problem) {
        jdbc.update("UPDATE snapshot_events SET status = 'rejected', problem = ? WHERE event_id = ?", problem, eventId);
    }

    /** A new batch of these events (of one type, oldest first), with their accounts; returns its id. */
    public long cut(String eventType, Instant cutAt, List<String> eventIds) {
        Long batch = named.queryForObject(INSERT_BATCH, new MapSqlParameterSource("type", eventType)
                .addValue("cutAt", Timestamp.from(cutAt)).addValue("count", eventIds.size())
                .addValue("firstEventId", eventIds.get(0)), Long.class);
        for (int from = 0; from < eventIds.size(); from += 10_000) {
            named.update(ATTACH_EVENTS, new MapSqlParameterSource("batch", batch)
                    .addValue("eventIds", eventIds.subList(from, Math.min(eventIds.size(), from + 10_000))));
        }
        named.update(INSERT_ACCOUNTS, new MapSqlParameterSource("batch", batch));
        return batch;
    }

    /** Batches whose run has not been started yet, oldest first. */
    public List<EventBatch> waiting() {
        return jdbc.query("SELECT " + BATCH_COLUMNS + " FROM snapshot_event_batches WHERE status = 'batched' "
                + "ORDER BY batch_id", JdbcEventBatches::batch);
    }

    /** The latest batches, newest first. */
    public List<EventBatch> latest(int limit) {
        return jdbc.query("SELECT " + BATCH_COLUMNS + " FROM snapshot_event_batches ORDER BY batch_id DESC LIMIT ?",
                JdbcEventBatches::batch, limit);
    }

    /** The execution launched for a batch, if any (also one whose launch was not recorded on the batch). */
    public Optional<Long> executionOf(long batchId) {
        return Optional.ofNullable(named.queryForObject(EXECUTION_OF_BATCH, new MapSqlParameterSource("batch", batchId),
                Long.class));
    }

    public void attach(long batchId, long executionId) {
        jdbc.update("UPDATE snapshot_event_batches SET status = 'started', job_execution_id = ? WHERE batch_id = ? "
                + "AND status = 'batched'", executionId, batchId);
    }

    /** Marks the events of batches whose run completed done; returns when each of them arrived. */
    public List<Instant> markCompletedDone() {
        return jdbc.query(MARK_DONE, (rs, n) -> instant(rs, "received_at"));
    }

    private static EventBatch batch(ResultSet rs, int n) throws SQLException {
        return new EventBatch(rs.getLong("batch_id"), rs.getString("event_type"), instant(rs, "cut_at"),
                rs.getInt("event_count"), rs.getString("first_event_id"), rs.getString("status"),
                nullableLong(rs, "job_execution_id"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
