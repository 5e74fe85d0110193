package com.accountsnapshot.run;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs whose process is gone, as the job repository shows them after a kill -9: the execution and its step
 * STARTED, and a lease whose heartbeat stopped two minutes ago (the timeout is 60 s), held by another host.
 * {@code serve}'s check marks them FAILED and restarts the scheduled and event-driven ones once their backoff
 * (1 h here, doubled per restart) has passed on the database's clock, which the tests move by moving
 * {@code recovered_at} back. A run with a live lease is left alone.
 */
@SpringBootTest(properties = { "account-snapshot.job.chunk-size=50", "account-snapshot.runs.heartbeat-interval=1s",
        "account-snapshot.runs.heartbeat-timeout=60s", "account-snapshot.runs.auto-restart-backoff=1h",
        "account-snapshot.runs.auto-restart-attempts=3" })
@RecordApplicationEvents
class DeadRunRecoveryTest {

    static final int ACCOUNTS = 120;

    static final String AS_OF = "2026-11-28T00:00:00Z";

    @Autowired
    DeadRunRecovery recovery;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "false");
        jdbc.update("DELETE FROM snapshot_run_leases");
    }

    @Test
    void aScheduledRunWhoseProcessIsGoneIsRecoveredThenRestartedOnceItsBackoffHasPassed() throws Exception {
        // given
        JobExecution dead = runLeftStarted("scheduled", 0, "2 minutes");

        // when
        DeadRunRecovery.Outcome first = recovery.check();

        // then
        assertThat(first).isEqualTo(new DeadRunRecovery.Outcome(List.of(dead.getId()), List.of()));
        assertThat(runs.get(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(recovery.check()).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of()));

        // when
        recoveredAgo(dead, "61 minutes");
        DeadRunRecovery.Outcome second = recovery.check();

        // then
        assertThat(second).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of(dead.getId())));
        JobExecution restarted = awaitRestartOf(dead);
        assertThat(restarted.getId()).isNotEqualTo(dead.getId());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots WHERE job_instance_id = ? "
                + "ORDER BY account_id", Long.class, dead.getJobInstanceId()))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, ACCOUNTS).boxed().toList());
        assertThat(recovery.check()).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of()));
    }

    @Test
    void theSecondRestartWaitsTwiceTheBackoff() throws Exception {
        // given
        JobExecution dead = runLeftStarted("event_driven", 1, "2 minutes");
        assertThat(recovery.check().recovered()).containsExactly(dead.getId());

        // when
        recoveredAgo(dead, "119 minutes");
        DeadRunRecovery.Outcome tooEarly = recovery.check();
        recoveredAgo(dead, "121 minutes");
        DeadRunRecovery.Outcome due = recovery.check();

        // then
        assertThat(tooEarly).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of()));
        assertThat(due).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of(dead.getId())));
        assertThat(awaitRestartOf(dead).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void aRunWithItsRestartsUsedUpIsOnlyRecovered() throws Exception {
        // given: the instance was restarted three times already
        JobExecution dead = runLeftStarted("post_upload", 3, "2 minutes");

        // when
        DeadRunRecovery.Outcome first = recovery.check();
        recoveredAgo(dead, "100 days");
        DeadRunRecovery.Outcome later = recovery.check();

        // then
        assertThat(first).isEqualTo(new DeadRunRecovery.Outcome(List.of(dead.getId()), List.of()));
        assertThat(later).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of()));
        assertThat(executionsOf(dead)).isEqualTo(4);
    }

    @Test
    void aManualRunIsOnlyRecoveredNeverRestarted() throws Exception {
        // given
        JobExecution dead = runLeftStarted("manual", 0, "2 minutes");

        // when
        DeadRunRecovery.Outcome first = recovery.check();
        recoveredAgo(dead, "100 days");
        DeadRunRecovery.Outcome later = recovery.check();

        // then
        assertThat(first).isEqualTo(new DeadRunRecovery.Outcome(List.of(dead.getId()), List.of()));
        assertThat(later).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of()));
        assertThat(runs.get(dead.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(executionsOf(dead)).isEqualTo(1);
    }

    @Test
    void aRunWhoseLeaseIsAliveIsLeftAloneAndRecoverRefusesItUnlessForced() throws Exception {
        // given
        JobExecution live = runLeftStarted("scheduled", 0, "3 seconds");

        // when
        DeadRunRecovery.Outcome outcome = recovery.check();

        // then
        assertThat(outcome).isEqualTo(new DeadRunRecovery.Outcome(List.of(), List.of()));
        assertThat(runs.get(live.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThatThrownBy(() -> runs.recover(live.getId()))
                .isInstanceOf(RunRefusedException.class)
                .hasMessage("Execution " + live.getId() + " is alive: its lease is held by host other-host pid 4242 "
                        + "(instance dead0001), last heartbeat 3 s ago; use --force if you know it is not running");
        assertThat(runs.get(live.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(events.stream(RunRecovered.class)).isEmpty();

        // when
        JobExecution forced = runs.recover(live.getId(), true);

        // then
        assertThat(forced.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(events.stream(RunRecovered.class)).containsExactly(new RunRecovered(live.getId(), true,
                "host other-host pid 4242 (instance dead0001), last heartbeat 3 s ago"));
    }

    @Test
    void anOverlappingLaunchNamesTheCrashedRunItsLastHeartbeatAndWhatToRun() throws Exception {
        // given
        JobExecution dead = runLeftStarted("manual", 0, "2 minutes");
        OffsetDateTime lastHeartbeat = jdbc.queryForObject(
                "SELECT renewed_at FROM snapshot_run_leases WHERE job_execution_id = ?", OffsetDateTime.class,
                dead.getId());

        // when / then
        assertThatThrownBy(() -> runs.start(runs.request(Map.of("asOf", "2026-11-29T00:00:00Z"))))
                .isInstanceOf(RunRefusedException.class)
                .hasMessage("Execution " + dead.getId() + " on an overlapping scope crashed at "
                        + lastHeartbeat.toInstant() + ", last heartbeat from host other-host pid 4242 "
                        + "(instance dead0001): run `recover " + dead.getId() + "`, then `restart " + dead.getId()
                        + "`; portfolio was not started");
    }

    @Test
    void aRunOfThisProcessHoldsItsLeaseWhileItRunsAndReleasesItAtItsEnd() throws Exception {
        // given
        SnapshotRuns.Run run = runs.start(runs.request(Map.of("asOf", AS_OF)));

        // when
        JobExecution ended = runs.awaitEnd(run);

        // then
        assertThat(ended.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> leases = jdbc.queryForList("""
                SELECT owner_pid, owner_instance, generation, released_at IS NOT NULL AS released
                FROM snapshot_run_leases WHERE job_execution_id = ?""", run.id());
        assertThat(leases).containsExactly(Map.of("owner_pid", ProcessHandle.current().pid(),
                "owner_instance", LeaseOwner.CURRENT.instance(), "generation", 1L, "released", true));
    }

    /**
     * A run as a killed process leaves it: its execution and step STARTED after {@code earlierExecutions} failed
     * ones of its instance, with a lease of another host last renewed {@code lastHeartbeatAgo}.
     */
    private JobExecution runLeftStarted(String type, int earlierExecutions, String lastHeartbeatAgo) {
        JobParameters parameters = runs.request(Map.of("asOf", AS_OF, "snapshotType", type)).toJobParameters();
        JobInstance instance = jobRepository.createJobInstance("accountSnapshotJob", parameters);
        for (int i = 0; i < earlierExecutions; i++) {
            JobExecution earlier = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
            earlier.setStartTime(LocalDateTime.now());
            earlier.setEndTime(LocalDateTime.now());
            earlier.setStatus(BatchStatus.FAILED);
            jobRepository.update(earlier);
        }
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now());
        execution.setStatus(BatchStatus.STARTED);
        jobRepository.update(execution);
        StepExecution step = jobRepository.createStepExecution("accountSnapshotStep", execution);
        step.setStartTime(LocalDateTime.now());
        step.setStatus(BatchStatus.STARTED);
        jobRepository.update(step);
        jdbc.update("""
                INSERT INTO snapshot_run_leases (job_execution_id, owner_host, owner_pid, owner_instance, acquired_at,
                                                 renewed_at)
                VALUES (?, 'other-host', 4242, 'dead0001', now() - interval '1 hour', now() - CAST(? AS interval))""",
                execution.getId(), lastHeartbeatAgo);
        return execution;
    }

    private void recoveredAgo(JobExecution execution, String ago) {
        jdbc.update("UPDATE snapshot_run_leases SET recovered_at = now() - CAST(? AS interval) "
                + "WHERE job_execution_id = ?", ago, execution.getId());
    }

    private int executionsOf(JobExecution execution) {
        return jdbc.queryForObject("SELECT count(*) FROM batch_job_execution WHERE job_instance_id = ?",
                Integer.class, execution.getJobInstanceId());
    }

    private JobExecution awaitRestartOf(JobExecution dead) throws Exception {
        JobExecution last = jobRepository.getLastJobExecution(runs.get(dead.getId()).getJobInstance());
        SnapshotRuns.Run restart = runs.runningHere().stream().filter(run -> run.id() == last.getId()).findFirst()
                .orElse(null);
        if (restart != null) {
            restart.ended().get(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        }
        return runs.get(last.getId());
    }
}
