package com.accountsnapshot.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leases of running executions in {@code snapshot_run_leases}: taken when a run starts (or a partition is
 * taken up), renewed by the heartbeat of the process holding them, released when it ends. A lease is alive
 * while it is not released and was renewed within the heartbeat timeout, measured on the database's clock.
 * Statements run outside any transaction of the caller (each its own), on a connection of their own.
 */
@Component
class RunLeases {

    private static final String ACQUIRE = """
            INSERT INTO snapshot_run_leases (job_execution_id, step_execution_id, owner_host, owner_pid, owner_instance,
                                             acquired_at, renewed_at)
            VALUES (:jobExecutionId, :stepExecutionId, :host, :pid, :instance, now(), now())
            ON CONFLICT (job_execution_id, (COALESCE(step_execution_id, 0))) DO UPDATE
                SET owner_host = EXCLUDED.owner_host, owner_pid = EXCLUDED.owner_pid,
                    owner_instance = EXCLUDED.owner_instance, acquired_at = now(), renewed_at = now(),
                    released_at = NULL, recovered_at = NULL, generation = snapshot_run_leases.generation + 1
                WHERE snapshot_run_leases.released_at IS NOT NULL
                   OR snapshot_run_leases.renewed_at <= now() - make_interval(secs => :timeoutSeconds)
            RETURNING generation""";

    private static final String RENEW = """
            UPDATE snapshot_run_leases SET renewed_at = now()
            WHERE owner_instance = :instance AND job_execution_id IN (:jobExecutionIds)
              AND released_at IS NULL AND recovered_at IS NULL""";

    private static final String RELEASE = """
            UPDATE snapshot_run_leases SET released_at = now()
            WHERE job_execution_id = :jobExecutionId AND COALESCE(step_execution_id, 0) = COALESCE(:stepExecutionId, 0)
              AND owner_instance = :instance AND generation = :generation AND released_at IS NULL""";

    private static final String FIND = """
            SELECT job_execution_id, step_execution_id, owner_host, owner_pid, owner_instance, acquired_at, renewed_at,
                   released_at, generation, recovered_at,
                   released_at IS NULL AND recovered_at IS NULL
                       AND renewed_at > now() - make_interval(secs => :timeoutSeconds) AS alive,
                   CAST(extract(epoch FROM now() - renewed_at) * 1000 AS bigint) AS since_renewal_ms
            FROM snapshot_run_leases
            WHERE job_execution_id = :jobExecutionId AND COALESCE(step_execution_id, 0) = COALESCE(:stepExecutionId, 0)""";

    /** Locks the lease row in share mode until the caller's transaction ends: no takeover before it commits. */
    private static final String HOLDS = """
            SELECT generation FROM snapshot_run_leases
            WHERE job_execution_id = :jobExecutionId AND COALESCE(step_execution_id, 0) = COALESCE(:stepExecutionId, 0)
              AND owner_instance = :instance AND generation = :generation
              AND released_at IS NULL AND recovered_at IS NULL
            FOR SHARE""";

    private static final String MARK_RECOVERED = """
            UPDATE snapshot_run_leases SET recovered_at = now()
            WHERE job_execution_id = :jobExecutionId AND recovered_at IS NULL""";

    private final NamedParameterJdbcTemplate jdbc;

    private final RunsProperties properties;

    RunLeases(JdbcTemplate jdbc, RunsProperties properties) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.properties = properties;
    }

    /** A lease as the database has it, with whether it is alive by the database's clock. */
    record Lease(long jobExecutionId, @Nullable Long stepExecutionId, LeaseOwner owner, Instant acquiredAt,
            Instant renewedAt, @Nullable Instant releasedAt, long generation, @Nullable Instant recoveredAt,
            boolean alive, Duration sinceRenewal) {

        /** e.g. {@code host h pid 123 (instance ab12cd34), last heartbeat 3 s ago} */
        String describe() {
            return owner.describe() + ", last heartbeat " + sinceRenewal.toSeconds() + " s ago";
        }
    }

    /**
     * Takes the lease of a job execution ({@code stepExecutionId} null) or of one of its partitions for this
     * process: a new one, or one whose owner is gone (released, or not renewed within the timeout), then with
     * the next generation.
     *
     * @return the generation held, or empty when a live process holds the lease
     */
    OptionalLong acquire(long jobExecutionId, @Nullable Long stepExecutionId) {
        List<Long> generation = jdbc.queryForList(ACQUIRE, key(jobExecutionId, stepExecutionId)
                .addValue("host", LeaseOwner.CURRENT.host())
                .addValue("pid", LeaseOwner.CURRENT.pid())
                .addValue("instance", LeaseOwner.CURRENT.instance()), Long.class);
        return generation.isEmpty() ? OptionalLong.empty() : OptionalLong.of(generation.get(0));
    }

    /** Renews the leases this process holds on these job executions (and their partitions); returns how many. */
    int renew(Collection<Long> jobExecutionIds) {
        if (jobExecutionIds.isEmpty()) {
            return 0;
        }
        return jdbc.update(RENEW, Map.of("instance", LeaseOwner.CURRENT.instance(), "jobExecutionIds",
                List.copyOf(jobExecutionIds)));
    }

    /** Gives a lease of this process up, if it still holds it in that generation. */
    void release(long jobExecutionId, @Nullable Long stepExecutionId, long generation) {
        jdbc.update(RELEASE, key(jobExecutionId, stepExecutionId)
                .addValue("instance", LeaseOwner.CURRENT.instance())
                .addValue("generation", generation));
    }

    /**
     * Whether this process still holds the lease in that generation: not taken over by another process, not
     * released, its run not recovered. Run inside the caller's transaction, it keeps the lease row share-locked
     * until that transaction ends, so no other process takes the lease over before it commits.
     */
    boolean holds(long jobExecutionId, @Nullable Long stepExecutionId, long generation) {
        return !jdbc.queryForList(HOLDS, key(jobExecutionId, stepExecutionId)
                .addValue("instance", LeaseOwner.CURRENT.instance())
                .addValue("generation", generation), Long.class).isEmpty();
    }

    /** The lease of a job execution itself, if it ever had one. */
    Optional<Lease> find(long jobExecutionId) {
        return find(jobExecutionId, null);
    }

    Optional<Lease> find(long jobExecutionId, @Nullable Long stepExecutionId) {
        return jdbc.query(FIND, key(jobExecutionId, stepExecutionId), RunLeases::lease).stream().findFirst();
    }

    /**
     * Notes that the execution was marked FAILED because its process was gone: its leases are not renewed any
     * more, even by a process that was only paused, and {@code serve} may restart the run.
     */
    void markRecovered(long jobExecutionId) {
        jdbc.update(MARK_RECOVERED, Map.of("jobExecutionId", jobExecutionId));
    }

    private MapSqlParameterSource key(long jobExecutionId, @Nullable Long stepExecutionId) {
        return new MapSqlParameterSource()
                .addValue("jobExecutionId", jobExecutionId)
                .addValue("stepExecutionId", stepExecutionId, java.sql.Types.BIGINT)
                .addValue("timeoutSeconds", timeoutSeconds());
    }

    double timeoutSeconds() {
        return properties.heartbeatTimeout().toMillis() / 1000.0;
    }

    private static Lease lease(ResultSet rs, int row) throws SQLException {
        return new Lease(rs.getLong("job_execution_id"), rs.getObject("step_execution_id", Long.class),
                new LeaseOwner(rs.getString("owner_host"), rs.getLong("owner_pid"), rs.getString("owner_instance")),
                instant(rs, "acquired_at"), instant(rs, "renewed_at"), instant(rs, "released_at"),
                rs.getLong("generation"), instant(rs, "recovered_at"), rs.getBoolean("alive"),
                Duration.ofMillis(rs.getLong("since_renewal_ms")));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
