package com.accountsnapshot.run;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leases of runs in the database: taken, refused while alive elsewhere, taken over once dead with the next
 * generation, renewed, released. Heartbeats are made stale by moving {@code renewed_at} back on the database's
 * clock, which is the only clock a lease is judged by (the default timeout, 60 s). No run is launched here, so
 * no heartbeat renews them behind the test's back.
 */
@SpringBootTest
class RunLeasesTest {

    static final long EXECUTION = 900_001L;

    @Autowired
    RunLeases leases;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        jdbc.update("DELETE FROM snapshot_run_leases WHERE job_execution_id IN (?, ?)", EXECUTION, EXECUTION + 1);
    }

    @Test
    void aNewLeaseIsTakenInGenerationOneByThisProcessAndIsAlive() {
        // when
        OptionalLong generation = leases.acquire(EXECUTION, null);

        // then
        assertThat(generation).hasValue(1L);
        RunLeases.Lease lease = leases.find(EXECUTION).orElseThrow();
        assertThat(lease.owner()).isEqualTo(LeaseOwner.CURRENT);
        assertThat(lease.owner().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(lease.alive()).isTrue();
        assertThat(lease.stepExecutionId()).isNull();
        assertThat(lease.releasedAt()).isNull();
        assertThat(lease.renewedAt()).isEqualTo(lease.acquiredAt());
    }

    @Test
    void aLeaseAliveElsewhereIsNotTaken() {
        // given
        leaseOfAnotherProcess(EXECUTION, "59 seconds");

        // when
        OptionalLong generation = leases.acquire(EXECUTION, null);

        // then
        assertThat(generation).isEmpty();
        RunLeases.Lease lease = leases.find(EXECUTION).orElseThrow();
        assertThat(lease.owner()).isEqualTo(new LeaseOwner("other-host", 4242L, "dead0001"));
        assertThat(lease.alive()).isTrue();
        assertThat(lease.sinceRenewal().toSeconds()).isEqualTo(59L);
    }

    @Test
    void aLeaseNotRenewedWithinTheTimeoutIsDeadAndTakenOverInTheNextGeneration() {
        // given
        leaseOfAnotherProcess(EXECUTION, "61 seconds");
        assertThat(leases.find(EXECUTION).orElseThrow().alive()).isFalse();

        // when
        OptionalLong generation = leases.acquire(EXECUTION, null);

        // then
        assertThat(generation).hasValue(2L);
        RunLeases.Lease lease = leases.find(EXECUTION).orElseThrow();
        assertThat(lease.owner()).isEqualTo(LeaseOwner.CURRENT);
        assertThat(lease.alive()).isTrue();
    }

    @Test
    void renewingBringsTheGivenLeasesOfThisProcessToTheDatabasesNowAndNoOtherProcesses() {
        // given
        leases.acquire(EXECUTION, null);
        leases.acquire(EXECUTION, 7L);
        leaseOfAnotherProcess(EXECUTION + 1, "61 seconds");
        jdbc.update("UPDATE snapshot_run_leases SET renewed_at = now() - interval '61 seconds' "
                + "WHERE job_execution_id = ?", EXECUTION);
        assertThat(leases.find(EXECUTION).orElseThrow().alive()).isFalse();

        // when
        leases.renew(List.of(EXECUTION, EXECUTION + 1));

        // then
        assertThat(leases.find(EXECUTION).orElseThrow().alive()).isTrue();
        assertThat(leases.find(EXECUTION, 7L).orElseThrow().alive()).isTrue();
        assertThat(leases.find(EXECUTION + 1).orElseThrow().alive()).isFalse();
    }

    @Test
    void aReleasedLeaseIsDeadIsNotRenewedAndCanBeTakenAgain() {
        // given
        long generation = leases.acquire(EXECUTION, null).getAsLong();

        // when
        leases.release(EXECUTION, null, generation);
        leases.renew(List.of(EXECUTION));

        // then
        RunLeases.Lease lease = leases.find(EXECUTION).orElseThrow();
        assertThat(lease.alive()).isFalse();
        assertThat(lease.releasedAt()).isNotNull();
        assertThat(leases.acquire(EXECUTION, null)).hasValue(2L);
    }

    @Test
    void aRecoveredLeaseIsNotRenewedByAProcessThatWasOnlyPaused() {
        // given
        leases.acquire(EXECUTION, null);
        jdbc.update("UPDATE snapshot_run_leases SET renewed_at = now() - interval '61 seconds' "
                + "WHERE job_execution_id = ?", EXECUTION);

        // when
        leases.markRecovered(EXECUTION);
        leases.renew(List.of(EXECUTION));

        // then
        RunLeases.Lease lease = leases.find(EXECUTION).orElseThrow();
        assertThat(lease.alive()).isFalse();
        assertThat(lease.recoveredAt()).isNotNull();
        assertThat(lease.sinceRenewal().toSeconds()).isEqualTo(61L);
    }

    private void leaseOfAnotherProcess(long executionId, String lastHeartbeatAgo) {
        jdbc.update("DELETE FROM snapshot_run_leases WHERE job_execution_id = ?", executionId);
        jdbc.update("""
                INSERT INTO snapshot_run_leases (job_execution_id, owner_host, owner_pid, owner_instance, acquired_at,
                                                 renewed_at)
                VALUES (?, 'other-host', 4242, 'dead0001', now() - interval '1 hour', now() - CAST(? AS interval))""",
                executionId, lastHeartbeatAgo);
    }
}
