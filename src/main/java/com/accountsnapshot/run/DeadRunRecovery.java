package com.accountsnapshot.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.snapshot.SnapshotType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What {@code serve} does about runs whose process is gone, every heartbeat interval: marks each run whose lease
 * is dead FAILED ({@code account-snapshot.runs.auto-recover}), then restarts the recovered runs of the scheduled
 * and event-driven types ({@code account-snapshot.runs.auto-restart}), at most
 * {@code account-snapshot.runs.auto-restart-attempts} restarts per job instance, the first one
 * {@code auto-restart-backoff} after the recovery and each further one waiting twice as long. A manual run is
 * only recovered: a person restarts it. Several {@code serve} processes take turns on a PostgreSQL advisory
 * lock; one that finds it taken leaves the check to the other.
 */
@Component
public class DeadRunRecovery implements DisposableBean {

    /** The advisory lock key of recoveries (any constant shared by every process of the product). */
    static final long RECOVERY_LOCK = 0x5A4E4150_5245434FL;

    private static final Logger log = LoggerFactory.getLogger(DeadRunRecovery.class);

    /** Running executions whose lease is dead: not renewed within the timeout, or released while running. */
    private static final String DEAD_RUNS = """
            SELECT e.job_execution_id
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            JOIN snapshot_run_leases l ON l.job_execution_id = e.job_execution_id AND l.step_execution_id IS NULL
            WHERE i.job_name = 'accountSnapshotJob' AND e.status IN ('STARTING', 'STARTED', 'STOPPING')
              AND l.recovered_at IS NULL
              AND (l.released_at IS NOT NULL OR l.renewed_at <= now() - make_interval(secs => :timeoutSeconds))
            ORDER BY e.job_execution_id""";

    /**
     * Recovered runs of the given types, last of their job instance, with restarts left and their backoff past:
     * the n-th restart waits backoff * 2^(n-1) after the recovery.
     */
    private static final String DUE_RESTARTS = """
            SELECT job_execution_id FROM (
                SELECT e.job_execution_id, e.status, l.recovered_at,
                       (SELECT count(*) FROM batch_job_execution x WHERE x.job_instance_id = e.job_instance_id)
                           - 1 AS restarts,
                       (SELECT max(x.job_execution_id) FROM batch_job_execution x
                        WHERE x.job_instance_id = e.job_instance_id) AS last_execution_id,
                       (SELECT p.parameter_value FROM batch_job_execution_params p
                        WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = :typeParameter) AS type
                FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                JOIN snapshot_run_leases l ON l.job_execution_id = e.job_execution_id AND l.step_execution_id IS NULL
                WHERE i.job_name = 'accountSnapshotJob' AND e.status = 'FAILED' AND l.recovered_at IS NOT NULL
            ) recovered
            WHERE job_execution_id = last_execution_id AND type IN (:types) AND restarts < :attempts
              AND recovered_at + make_interval(secs => :backoffSeconds * power(2, restarts)) <= now()
            ORDER BY job_execution_id""";

    /** The types whose runs {@code serve} restarts: everything a person did not start. */
    static final List<SnapshotType> RESTARTED_TYPES = List.of(SnapshotType.SCHEDULED, SnapshotType.EVENT_DRIVEN,
            SnapshotType.POST_UPLOAD, SnapshotType.POST_HEALTH_CALC);

    private final SnapshotRuns runs;

    private final RunLeases leases;

    private final RunsProperties properties;

    private final DataSource dataSource;

    private final NamedParameterJdbcTemplate jdbc;

    private @Nullable ScheduledExecutorService checks;

    DeadRunRecovery(SnapshotRuns runs, RunLeases leases, RunsProperties properties, DataSource dataSource,
            JdbcTemplate jdbc) {
        this.runs = runs;
        this.leases = leases;
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Starts the periodic check (for {@code serve}); does nothing when auto-recover is off. */
    public synchronized void start() {
        if (!properties.autoRecover() || checks != null) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dead-run-recovery");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
        checks = executor;
    }

    private void checkQuietly() {
        try {
            check();
        }
        catch (Exception ex) {
            log.warn("Checking for runs whose process is gone failed; trying again in {}: {}",
                    properties.heartbeatInterval(), ex.toString());
        }
    }

    /** One check, if no other process is checking: what was recovered and what restarted. */
    Outcome check() throws SQLException {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "SELECT pg_try_advisory_lock(?)")) {
                return new Outcome(List.of(), List.of());
            }
            try {
                List<Long> recovered = recoverDeadRuns();
                List<Long> restarted = properties.autoRestart() ? restartDueRuns() : List.of();
                return new Outcome(recovered, restarted);
            }
            finally {
                advisoryLock(lock, "SELECT pg_advisory_unlock(?)");
            }
        }
    }

    /**
     * @param recovered the executions marked FAILED
     * @param restarted the executions restarted (each by a new execution)
     */
    record Outcome(List<Long> recovered, List<Long> restarted) {
    }

    private List<Long> recoverDeadRuns() {
        List<Long> dead = jdbc.queryForList(DEAD_RUNS, Map.of("timeoutSeconds", leases.timeoutSeconds()), Long.class);
        return dead.stream().filter(this::recover).toList();
    }

    private boolean recover(long executionId) {
        try {
            runs.recover(executionId);
            log.warn("Execution {} was left running by a process that is gone; marked FAILED", executionId);
            return true;
        }
        catch (RuntimeException ex) {
            log.warn("Execution {} could not be recovered: {}", executionId, ex.getMessage());
            return false;
        }
    }

    private List<Long> restartDueRuns() {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("typeParameter", SnapshotRequest.SNAPSHOT_TYPE)
                .addValue("types", RESTARTED_TYPES.stream().map(SnapshotType::code).toList())
                .addValue("attempts", properties.autoRestartAttempts())
                .addValue("backoffSeconds", properties.autoRestartBackoff().toMillis() / 1000.0);
        return jdbc.queryForList(DUE_RESTARTS, parameters, Long.class).stream().filter(this::restart).toList();
    }

    private boolean restart(long executionId) {
        try {
            long restart = runs.restart(executionId).id();
            log.warn("Execution {} (recovered after its process was gone) restarted as execution {}", executionId,
                    restart);
            return true;
        }
        catch (Exception ex) {
            log.warn("Execution {} could not be restarted, trying again at the next check: {}", executionId,
                    ex.getMessage());
            return false;
        }
    }

    private static boolean advisoryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RECOVERY_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    @Override
    public synchronized void destroy() {
        if (checks != null) {
            checks.shutdownNow();
            checks = null;
        }
    }
}
