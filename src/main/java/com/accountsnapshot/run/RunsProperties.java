package com.accountsnapshot.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs tell a live process from a dead one, and what {@code serve} does about dead ones
 * ({@code account-snapshot.runs.*}).
 *
 * @param heartbeatInterval how often a process renews the leases of the runs it runs
 * @param heartbeatTimeout a lease not renewed for this long belongs to a process that is gone
 * @param autoRecover {@code serve} marks runs whose process is gone FAILED, checking every heartbeat interval
 * @param autoRestart {@code serve} then restarts those of the scheduled and event-driven types
 * @param autoRestartAttempts restarts per job instance at most, counted from its executions
 * @param autoRestartBackoff the wait before the first restart after the recovery; doubled for each further one
 */
@ConfigurationProperties("account-snapshot.runs")
public record RunsProperties(
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("60s") Duration heartbeatTimeout,
        @DefaultValue("true") boolean autoRecover,
        @DefaultValue("true") boolean autoRestart,
        @DefaultValue("3") int autoRestartAttempts,
        @DefaultValue("30s") Duration autoRestartBackoff) {

    public RunsProperties {
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("account-snapshot.runs.heartbeat-interval must be positive, not "
                    + heartbeatInterval);
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("account-snapshot.runs.heartbeat-timeout (" + heartbeatTimeout
                    + ") must be longer than account-snapshot.runs.heartbeat-interval (" + heartbeatInterval + ")");
        }
        if (autoRestartAttempts < 0) {
            throw new IllegalArgumentException("account-snapshot.runs.auto-restart-attempts must not be negative");
        }
        if (autoRestartBackoff.isNegative()) {
            throw new IllegalArgumentException("account-snapshot.runs.auto-restart-backoff must not be negative");
        }
    }
}
