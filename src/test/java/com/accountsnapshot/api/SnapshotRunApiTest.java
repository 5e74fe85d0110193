package com.accountsnapshot.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/snapshot-runs}: recent runs, one run with its counters and issues, restart of a failed run, stop
 * of a running one, recover of a live one only when forced, and the refusals (unknown run 404, malformed id 400, wrong state or overlap 409).
 */
class SnapshotRunApiTest extends ApiTest {

    static final String RUNS = "/api/snapshot-runs";

    @Autowired
    JobRepository jobRepository;

    /** Customer 100 has accounts 1-4, customer 200 accounts 5 and 6; every account's assigned_csm is a number. */
    @BeforeEach
    void seed() {
        for (long id = 1; id <= 6; id++) {
            portfolio.account(id, id <= 4 ? 100 : 200, "Account " + id, "100.00", "active", "{\"assigned_csm\": 42}");
        }
    }

    @Test
    void recentRunsAreListedNewestFirstAndFilteredByStatus() {
        long first = create("{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(first, "COMPLETED");
        control.failOnceAfterWriting(2);
        long failed = create("{\"account_id\": 2, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(failed, "FAILED");
        long last = create("{\"customer_id\": 200, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(last, "COMPLETED");

        assertThat(ids(get(RUNS))).containsExactly(last, failed, first);
        assertThat(ids(get(RUNS + "?status=FAILED"))).containsExactly(failed);
        assertThat(ids(get(RUNS + "?status=completed"))).containsExactly(last, first);
        assertThat(ids(get(RUNS + "?limit=2"))).containsExactly(last, failed);
        assertThat(ids(get(RUNS + "?status=STOPPED"))).isEmpty();
        JsonNode newest = get(RUNS).json().get(0);
        assertThat(newest.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(newest.get("exit_code").asString()).isEqualTo("COMPLETED");
        assertThat(newest.get("read_count").asLong()).isEqualTo(2);
        assertThat(newest.get("written_count").asLong()).isEqualTo(2);
        assertThat(newest.get("filtered_count").asLong()).isZero();
        assertThat(newest.get("skipped_count").asLong()).isZero();
        assertThat(newest.get("parameters").get("customer_id").asLong()).isEqualTo(200);
        Instant start = Instant.parse(newest.get("start_time").asString());
        Instant end = Instant.parse(newest.get("end_time").asString());
        assertThat(newest.get("duration_ms").asLong()).isEqualTo(Duration.between(start, end).toMillis());
        JsonNode failedRun = get(RUNS + "?status=FAILED").json().get(0);
        assertThat(failedRun.get("exit_code").asString()).isEqualTo("FAILED");
        // Spring Batch 6.0 counts the rolled-back chunk's write (spring-batch#5509); the rows tell the truth
        assertThat(failedRun.get("written_count").asLong()).isEqualTo(1);
        assertThat(failedRun.get("snapshots_stored").asLong()).isZero();
        assertThat(failedRun.get("rollback_count").asLong()).isEqualTo(1);
    }

    @Test
    void recoverOfARunWhoseLeaseIsAliveIsAConflictNamingItsOwnerAndForceRecoversIt() {
        // given: a run left STARTED whose lease another host renewed 3 s ago
        JobParameters parameters = runs.request(Map.of("asOf", "2026-11-28T00:00:00Z")).toJobParameters();
        JobExecution live = jobRepository.createJobExecution(
                jobRepository.createJobInstance("accountSnapshotJob", parameters), parameters, new ExecutionContext());
        live.setStartTime(LocalDateTime.now());
        live.setStatus(BatchStatus.STARTED);
        jobRepository.update(live);
        jdbc.update("""
                INSERT INTO snapshot_run_leases (job_execution_id, owner_host, owner_pid, owner_instance, acquired_at,
                                                 renewed_at)
                VALUES (?, 'other-host', 4242, 'ab12cd34', now() - interval '1 minute', now() - interval '3 seconds')""",
                live.getId());

        // when
        Answer refused = post(RUNS + "/" + live.getId() + "/recover");
        Answer forced = post(RUNS + "/" + live.getId() + "/recover?force=true");

        // then
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asString()).isEqualTo("Execution " + live.getId() + " is alive: its "
                + "lease is held by host other-host pid 4242 (instance ab12cd34), last heartbeat 3 s ago; use --force "
                + "if you know it is not running");
        assertThat(forced.status()).isEqualTo(202);
        assertThat(forced.json().get("status").asString()).isEqualTo("FAILED");
        assertThat(runs.get(live.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
    }

    @Test
    void unknownStatusIsRefused() {
        Answer answer = get(RUNS + "?status=RUNNING");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("status");
        assertThat(answer.json().get("error").asString()).isEqualTo("status: 'RUNNING' is not one of [COMPLETED, "
                + "STARTING, STARTED, STOPPING, STOPPED, FAILED, ABANDONED, UNKNOWN]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc"})
    void limitThatIsNotAPositiveNumberIsRefused(String limit) {
        Answer answer = get(RUNS + "?limit=" + limit);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("limit");
    }

    @Test
    void runDetailShowsCountersParametersAndIssues() {
        long id = create("{\"as_of\": \"2026-11-28T00:00:00Z\", \"reason\": \"audit\"}");
        awaitStatus(id, "COMPLETED");

        Answer answer = get(RUNS + "/" + id);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode run = answer.json();
        assertThat(run.get("execution_id").asLong()).isEqualTo(id);
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("read_count").asLong()).isEqualTo(6);
        assertThat(run.get("written_count").asLong()).isEqualTo(6);
        assertThat(run.get("filtered_count").asLong()).isZero();
        assertThat(run.get("skipped_count").asLong()).isZero();
        assertThat(run.get("snapshots_stored").asLong()).isEqualTo(6);
        assertThat(run.get("commit_count").asLong()).isEqualTo(3);
        assertThat(run.get("rollback_count").asLong()).isZero();
        assertThat(run.get("issue_count").asLong()).isEqualTo(6);
        assertThat(run.get("parameters").toString()).isEqualTo("""
                {"as_of":"2026-11-28T00:00:00Z","force":"false","partitioned":"false","reason":"audit",\
                "snapshot_type":"manual","threads":2}""");
        JsonNode issues = run.get("issues");
        assertThat(issues.get("total").asLong()).isEqualTo(6);
        assertThat(issues.get("page").asInt()).isZero();
        assertThat(issues.get("size").asInt()).isEqualTo(100);
        assertThat(accountIds(issues)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode issue = issues.get("items").get(0);
        assertThat(issue.get("issue_type").asString()).isEqualTo("warning");
        assertThat(issue.get("field").asString()).isEqualTo("assigned_csm");
        assertThat(issue.get("raw_value").asString()).isEqualTo("42");
        assertThat(issue.get("problem").asString()).isNotBlank();
        assertThat(Instant.parse(issue.get("created_at").asString())).isBefore(Instant.now());
    }

    @Test
    void runIssuesArePaged() {
        long id = create("{\"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(id, "COMPLETED");

        JsonNode second = get(RUNS + "/" + id + "/issues?page=1&size=4").json();
        JsonNode beyond = get(RUNS + "/" + id + "/issues?page=9&size=4").json();

        assertThat(second.get("total").asLong()).isEqualTo(6);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(4);
        assertThat(accountIds(second)).containsExactly(5L, 6L);
        assertThat(accountIds(beyond)).isEmpty();
        assertThat(get(RUNS + "/" + id + "/issues?size=1000").json().get("size").asInt()).isEqualTo(200);
        assertThat(get(RUNS + "/" + id + "/issues?page=-1").status()).isEqualTo(400);
    }

    @Test
    void unknownRunIsNotFound() {
        for (String path : List.of("/424242", "/424242/issues")) {
            Answer answer = get(RUNS + path);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("error").asString()).isEqualTo("No snapshot run has execution id 424242");
        }
        assertThat(post(RUNS + "/424242/restart").status()).isEqualTo(404);
        assertThat(post(RUNS + "/424242/stop").status()).isEqualTo(404);
        assertThat(post(RUNS + "/424242/recover").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "1.5", "99999999999999999999"})
    void malformedRunIdIsRefused(String id) {
        for (Answer answer : List.of(get(RUNS + "/" + id), get(RUNS + "/" + id + "/issues"),
                post(RUNS + "/" + id + "/restart"), post(RUNS + "/" + id + "/stop"))) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).isEqualTo("id");
            assertThat(answer.json().get("error").asString())
                    .isEqualTo("id: '" + id + "' is not a positive whole number");
        }
    }

    @Test
    void restartOfAFailedRunResumesAndCompletes() {
        control.failOnceAfterWriting(3);
        long failed = create("{\"as_of\": \"2026-11-28T00:00:00Z\"}");
        assertThat(awaitStatus(failed, "FAILED").get("snapshots_stored").asLong()).isEqualTo(2);

        Answer answer = post(RUNS + "/" + failed + "/restart");

        assertThat(answer.status()).isEqualTo(202);
        long restarted = answer.json().get("execution_id").asLong();
        assertThat(restarted).isNotEqualTo(failed);
        assertThat(answer.location()).hasToString("http://localhost:" + port + RUNS + "/" + restarted);
        JsonNode run = awaitStatus(restarted, "COMPLETED");
        assertThat(run.get("read_count").asLong()).isEqualTo(4);
        assertThat(run.get("written_count").asLong()).isEqualTo(4);
        assertThat(run.get("snapshots_stored").asLong()).isEqualTo(4);
        assertThat(run.get("job_instance_id").asLong())
                .isEqualTo(get(RUNS + "/" + failed).json().get("job_instance_id").asLong());
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots ORDER BY account_id", Long.class))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void restartOfACompletedRunIsRefused() {
        long id = create("{\"customer_id\": 200, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(id, "COMPLETED");

        Answer answer = post(RUNS + "/" + id + "/restart");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("error").asString())
                .isEqualTo("Execution " + id + " is COMPLETED; only a FAILED or STOPPED run can be restarted");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(1);
    }

    @Test
    void restartIsRefusedWhileAnOverlappingRunIsGoing() throws Exception {
        control.failOnceAfterWriting(1);
        long failed = create("{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(failed, "FAILED");
        control.holdAfterWriting(3);
        long customer100 = create("{\"customer_id\": 100, \"as_of\": \"2026-11-29T00:00:00Z\"}");
        control.awaitHeld();

        Answer answer = post(RUNS + "/" + failed + "/restart");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("running_execution_id").asLong()).isEqualTo(customer100);
        control.release();
        awaitStatus(customer100, "COMPLETED");
    }

    @Test
    void stopOfARunningRunEndsItStoppedAfterItsCurrentChunk() throws Exception {
        control.holdAfterWriting(3);
        long id = create("{\"as_of\": \"2026-11-28T00:00:00Z\"}");
        control.awaitHeld();

        Answer answer = post(RUNS + "/" + id + "/stop");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("execution_id").asLong()).isEqualTo(id);
        // the run ends its current chunk first
        assertThat(answer.json().get("status").asString()).isEqualTo("STOPPING");
        control.release();
        JsonNode stopped = awaitStatus(id, "STOPPED");
        assertThat(stopped.get("exit_code").asString()).isEqualTo("STOPPED");
        assertThat(stopped.get("snapshots_stored").asLong()).isEqualTo(4);
        assertThat(stopped.get("commit_count").asLong()).isEqualTo(2);
        assertThat(ids(get(RUNS + "?status=STOPPED"))).containsExactly(id);

        long restarted = post(RUNS + "/" + id + "/restart").json().get("execution_id").asLong();

        assertThat(awaitStatus(restarted, "COMPLETED").get("snapshots_stored").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots ORDER BY account_id", Long.class))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void stopOfARunThatIsNotRunningIsRefused() {
        long id = create("{\"customer_id\": 200, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(id, "COMPLETED");

        Answer answer = post(RUNS + "/" + id + "/stop");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("error").asString())
                .isEqualTo("Execution " + id + " is COMPLETED; only a running run can be stopped");
    }

    private static List<Long> ids(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false)
                .map(run -> run.get("execution_id").asLong()).toList();
    }

    private static List<Long> accountIds(JsonNode issues) {
        return StreamSupport.stream(issues.get("items").spliterator(), false)
                .map(issue -> issue.get("account_id").asLong()).toList();
    }
}
