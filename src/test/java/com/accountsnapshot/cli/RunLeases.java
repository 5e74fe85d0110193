package com.accountsnapshot.cli;

import java.time.Duration;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/** What the process tests wait for in {@code snapshot_run_leases}. */
public final class RunLeases {

    private RunLeases() {
    }

    /**
     * Waits until the execution's lease was last renewed more than {@code timeout} ago, on the database's clock, as
     * a process judging it with that heartbeat timeout would; a process killed before it took its lease has none,
     * which counts as dead too.
     */
    public static void awaitDeadLease(JdbcTemplate jdbc, long executionId, Duration timeout) {
        await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.queryForObject("""
                SELECT coalesce(bool_and(renewed_at < now() - make_interval(secs => ?)), true)
                FROM snapshot_run_leases WHERE job_execution_id = ? AND step_execution_id IS NULL""", Boolean.class,
                (double) timeout.toSeconds(), executionId));
    }
}
