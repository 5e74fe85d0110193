package com.accountsnapshot.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.accountsnapshot.job.Scope;
import com.accountsnapshot.job.SnapshotRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps two runs whose scopes overlap (portfolio ⊇ customer ⊇ account; an event batch's scope counts as every
 * customer of its accounts) from running at once, across
 * processes: checking for a running overlapping execution and creating the new one happen under one
 * PostgreSQL advisory lock, so two launches racing from different machines are serialised.
 *
 * <p>An execution counts as running while the job repository says STARTING, STARTED or STOPPING, which
 * includes one left STARTED by a crashed process until it is recovered; the refusal then says so, from the dead
 * lease of the run, and what to do.
 *
 * <p>Within a process, launches also take turns on a lock of their own before they take a connection for
 * the advisory lock: otherwise launches waiting for the advisory lock would hold every pooled connection,
 * and the one holding it could not get another to check the running scopes (it would time out after 30 s).
 */
@Component
class RunOverlapGuard {

    /** The advisory lock key of snapshot launches (any constant shared by every process of the product). */
    static final long LAUNCH_LOCK = 0x5A4E4150_53484F54L;

    private static final String RUNNING_SCOPES = """
            SELECT e.job_execution_id,
                   (SELECT p.parameter_value FROM batch_job_execution_params p
                    WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'customerId') AS customer_id,
                   (SELECT p.parameter_value FROM batch_job_execution_params p
                    WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'accountId') AS account_id,
                   (SELECT p.parameter_value FROM batch_job_execution_params p
                    WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = 'eventBatchId') AS batch_id
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE i.job_name = 'accountSnapshotJob' AND e.status IN ('STARTING', 'STARTED', 'STOPPING')
            ORDER BY e.job_execution_id""";

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final RunLeases leases;

    private final ReentrantLock launches = new ReentrantLock(true);

    RunOverlapGuard(DataSource dataSource, JdbcTemplate jdbc, RunLeases leases) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.leases = leases;
    }

    /**
     * Launches the run if no overlapping run is going.
     *
     * @throws RunRefusedException naming the running execution whose scope overlaps
     */
    <T> T launchAlone(SnapshotRequest request, Callable<T> launch) throws Exception {
        Scope scope = withOwner(request.scope());
        launches.lockInterruptibly();
        try (Connection lock = dataSource.getConnection()) {
            execute(lock, "SELECT pg_advisory_lock(?)");
            try {
                for (var running : runningScopes()) {
                    if (overlap(running.scope(), scope)) {
                        throw new RunRefusedException(RunRefusedException.Reason.OVERLAP,
                                overlapping(running.executionId()) + "; " + request.scope().description()
                                + " was not started", running.executionId());
                    }
                }
                return launch.call();
            }
            finally {
                execute(lock, "SELECT pg_advisory_unlock(?)");
            }
        }
        finally {
            launches.unlock();
        }
    }

    /** Why a running execution blocks the launch: it runs, or (its lease dead) its process crashed. */
    private String overlapping(long executionId) {
        return leases.find(executionId).filter(lease -> !lease.alive())
                .map(lease -> "Execution " + executionId + " on an overlapping scope crashed at " + lease.renewedAt()
                        + ", last heartbeat from " + lease.owner().describe() + ": run `recover " + executionId
                        + "`, then `restart " + executionId + "`")
                .orElse("Execution " + executionId + " is running on an overlapping scope");
    }

    private record RunningScope(long executionId, Scope scope) {
    }

    private List<RunningScope> runningScopes() {
        return jdbc.query(RUNNING_SCOPES, (rs, n) -> new RunningScope(rs.getLong("job_execution_id"),
                withOwner(new Scope(toLong(rs.getString("customer_id")), toLong(rs.getString("account_id")),
                        toLong(rs.getString("batch_id"))))));
    }

    /**
     * Whether two scopes overlap; an event batch's scope is taken as every customer of its accounts, so it
     * overlaps the portfolio, any run of one of those customers or their accounts, and batches sharing one.
     */
    private boolean overlap(Scope running, Scope launching) {
        if (running.eventBatchId() == null && launching.eventBatchId() == null) {
            return running.overlaps(launching);
        }
        if (running.isPortfolio() || launching.isPortfolio()) {
            return true;
        }
        return !Collections.disjoint(customers(running), customers(launching));
    }

    private Set<Long> customers(Scope scope) {
        if (scope.eventBatchId() == null) {
            return scope.customerId() == null ? Set.of() : Set.of(scope.customerId());
        }
        return Set.copyOf(jdbc.queryForList(
                "SELECT DISTINCT customer_id FROM snapshot_event_batch_accounts WHERE batch_id = ?", Long.class,
                scope.eventBatchId()));
    }

    /** An account's scope with its customer, so that it overlaps that customer's runs. */
    private Scope withOwner(Scope scope) {
        if (scope.accountId() == null || scope.customerId() != null) {
            return scope;
        }
        List<Long> owner = jdbc.queryForList("SELECT customer_id FROM accounts WHERE account_id = ?", Long.class,
                scope.accountId());
        // an account that no longer exists overlaps only itself and the portfolio
        return new Scope(owner.isEmpty() || owner.get(0) == null ? -1L : owner.get(0), scope.accountId());
    }

    private static @Nullable Long toLong(@Nullable String value) {
        return value == null ? null : Long.valueOf(value);
    }

    private static void execute(Connection connection, String sql) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LAUNCH_LOCK);
            statement.execute();
        }
    }
}
