package com.accountsnapshot.api;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/account-snapshots/create} for one account with {@code Prefer: wait=N} or {@code "wait": true}:
 * the snapshot once the run has ended (201), the cooldown's refusal (200, skipped), the 202 of every create when
 * the run outlasts the wait; {@code force_create} as a synonym of {@code force}.
 */
class SnapshotCreationWaitApiTest extends ApiTest {

    static final String CREATE = "/api/account-snapshots/create";

    /** Customer 100's account 1 with a health trend month, and account 2. */
    @BeforeEach
    void seed() {
        portfolio.account(1, 100, "Acme", "1000.00", "active", null)
                .account(2, 100, "Globex", "250.50", "active", null)
                .trend(1, 100, 2026, 11, "72.50", null, null, null, null, null);
    }

    @Test
    void preferWaitAnswersWithTheSnapshotOnceTheRunHasEnded() {
        Answer answer = send(HttpMethod.POST, CREATE, "{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}",
                Map.of("Prefer", "wait=20"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers().getFirst("Preference-Applied")).isEqualTo("wait=20");
        assertThat(answer.text()).isEqualTo("{\"status\":\"success\",\"message\":\"Created 1 snapshot(s)\","
                + "\"snapshots\":[{\"snapshot_id\":" + snapshotOf(1) + ",\"account_id\":1,\"account_name\":\"Acme\","
                + "\"snapshot_timestamp\":\"2026-11-28T00:00:00Z\",\"overall_health_score\":72.50}],"
                + "\"execution_id\":" + lastExecution() + "}");
    }

    @Test
    void waitInTheBodyWaitsTooAndAppliesNoPreference() {
        Answer answer = post(CREATE, "{\"account_id\": 2, \"as_of\": \"2026-11-28T00:00:00Z\", \"wait\": true}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers().containsHeader("Preference-Applied")).isFalse();
        assertThat(answer.text()).isEqualTo("{\"status\":\"success\",\"message\":\"Created 1 snapshot(s)\","
                + "\"snapshots\":[{\"snapshot_id\":" + snapshotOf(2) + ",\"account_id\":2,\"account_name\":\"Globex\","
                + "\"snapshot_timestamp\":\"2026-11-28T00:00:00Z\",\"overall_health_score\":null}],"
                + "\"execution_id\":" + lastExecution() + "}");
    }

    @Test
    void anAccountHeldBackByTheCooldownIsSkippedAndForceCreateTakesItAnyway() {
        assertThat(waited("{\"account_id\": 1, \"snapshot_type\": \"scheduled\", \"as_of\": \"2026-11-28T00:00:00Z\"}")
                .status()).isEqualTo(201);

        Answer skipped = waited("{\"account_id\": 1, \"snapshot_type\": \"scheduled\", "
                + "\"as_of\": \"2026-11-28T01:00:00Z\"}");
        long skippedRun = lastExecution();
        Answer forced = waited("{\"account_id\": 1, \"snapshot_type\": \"scheduled\", "
                + "\"as_of\": \"2026-11-28T02:00:00Z\", \"force_create\": true}");

        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.text()).isEqualTo("{\"status\":\"skipped\",\"message\":\"Account 1 was not snapshotted: its "
                + "latest snapshot (2026-11-28T00:00:00Z) is within the scheduled cooldown of 24h; force_create: true "
                + "takes one anyway\",\"skipped\":true,\"account_id\":1,\"execution_id\":" + skippedRun + "}");
        assertThat(forced.status()).isEqualTo(201);
        assertThat(forced.json().get("snapshots").get(0).get("snapshot_timestamp").asString())
                .isEqualTo("2026-11-28T02:00:00Z");
        assertThat(get("/api/snapshot-runs/" + lastExecution()).json().get("parameters").get("force").asString())
                .isEqualTo("true");
        assertThat(jdbc.queryForList("SELECT snapshot_timestamp::text FROM account_snapshots ORDER BY 1", String.class))
                .containsExactly("2026-11-28 00:00:00+00", "2026-11-28 02:00:00+00");
    }

    @Test
    void anAccountWithALaterSnapshotIsSkippedWithTheReason() {
        waited("{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}");

        Answer skipped = waited("{\"account_id\": 1, \"as_of\": \"2026-11-27T00:00:00Z\", \"force\": true}");

        assertThat(skipped.status()).isEqualTo(200);
        assertThat(skipped.json().get("skipped").asBoolean()).isTrue();
        assertThat(skipped.json().get("message").asString()).isEqualTo("Account 1: out of order: the account's "
                + "latest snapshot (2026-11-28T00:00:00Z) is later than asOf (2026-11-27T00:00:00Z); not snapshotted, "
                + "even with force");
    }

    @Test
    void aRunThatOutlastsTheWaitIsAnsweredAs202() throws Exception {
        control.holdAfterWriting(1);

        Answer answer = send(HttpMethod.POST, CREATE, "{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}",
                Map.of("Prefer", "wait=1"));

        long id = lastExecution();
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.headers().getFirst("Preference-Applied")).isEqualTo("wait=1");
        assertThat(answer.text()).isEqualTo("{\"execution_id\":" + id + ",\"status\":\"STARTED\"}");
        assertThat(answer.location()).hasToString("http://localhost:" + port + "/api/snapshot-runs/" + id);
        control.release();
        assertThat(awaitStatus(id, "COMPLETED").get("written_count").asLong()).isEqualTo(1);
    }

    @Test
    void aWaitLongerThanTheMaximumIsCutToIt() {
        Answer answer = send(HttpMethod.POST, CREATE, "{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}",
                Map.of("Prefer", "respond-async, wait=100000"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers().getFirst("Preference-Applied")).isEqualTo("wait=120");
    }

    @Test
    void aRunOfMoreThanOneAccountIsNotWaitedFor() {
        Answer answer = send(HttpMethod.POST, CREATE, "{\"customer_id\": 100, \"as_of\": \"2026-11-28T00:00:00Z\", "
                + "\"wait\": true}", Map.of("Prefer", "wait=20"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.headers().containsHeader("Preference-Applied")).isFalse();
        awaitStatus(answer.json().get("execution_id").asLong(), "COMPLETED");
    }

    @Test
    void aRunThatFailsIsAnsweredWithItsStatus() {
        control.failOnceAfterWriting(1);

        Answer answer = waited("{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}");

        long id = lastExecution();
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.text()).isEqualTo("{\"status\":\"error\",\"message\":\"Execution " + id + " ended FAILED "
                + "(FAILED); restart it with POST /api/snapshot-runs/" + id + "/restart\",\"execution_id\":" + id
                + ",\"run_status\":\"FAILED\"}");
    }

    @Test
    void forceAndForceCreateThatContradictEachOtherAreRefused() {
        Answer answer = post(CREATE, "{\"account_id\": 1, \"force\": true, \"force_create\": false}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).isEqualTo("{\"error\":\"force_create: is false while force is true; give one of "
                + "them\",\"field\":\"force_create\"}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }

    private Answer waited(String json) {
        return send(HttpMethod.POST, CREATE, json, Map.of("Prefer", "wait=20"));
    }

    private long snapshotOf(long accountId) {
        return jdbc.queryForObject("SELECT snapshot_id FROM account_snapshots WHERE account_id = ?", Long.class,
                accountId);
    }

    private long lastExecution() {
        return jdbc.queryForObject("SELECT max(job_execution_id) FROM batch_job_execution", Long.class);
    }
}
