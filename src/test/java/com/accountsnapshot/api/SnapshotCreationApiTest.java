package com.accountsnapshot.api;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/account-snapshots/create}: 202 and a run that goes on by itself; 400 naming the bad field,
 * before any job execution exists; 409 while an overlapping run is going.
 */
class SnapshotCreationApiTest extends ApiTest {

    static final String CREATE = "/api/account-snapshots/create";

    /** Customer 100 has accounts 1 (with a metadata value of the wrong type) and 2; customer 200 has account 3. */
    @BeforeEach
    void seed() {
        portfolio.account(1, 100, "Acme", "1000.00", "active", "{\"assigned_csm\": 42}")
                .account(2, 100, "Globex", "250.50", "active", null)
                .account(3, 200, "Initech", null, "churned", null);
    }

    @Test
    void createAnswers202AndTheRunCompletes() {
        Answer answer = post(CREATE, """
                {"snapshot_type": "manual", "reason": "Monthly snapshot", "trigger_event": null,
                 "as_of": "2026-11-28T00:00:00Z"}""");

        assertThat(answer.status()).isEqualTo(202);
        long id = answer.json().get("execution_id").asLong();
        assertThat(answer.json().get("status").asString()).isIn("STARTING", "STARTED", "COMPLETED");
        assertThat(answer.location()).hasToString("http://localhost:" + port + "/api/snapshot-runs/" + id);
        JsonNode run = awaitStatus(id, "COMPLETED");
        assertThat(run.get("exit_code").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("read_count").asLong()).isEqualTo(3);
        assertThat(run.get("written_count").asLong()).isEqualTo(3);
        assertThat(run.get("filtered_count").asLong()).isZero();
        assertThat(run.get("skipped_count").asLong()).isZero();
        assertThat(run.get("issue_count").asLong()).isEqualTo(1);
        assertThat(run.get("parameters").toString()).isEqualTo("""
                {"as_of":"2026-11-28T00:00:00Z","force":"false","partitioned":"false","reason":"Monthly snapshot",\
                "snapshot_type":"manual","threads":2}""");
        assertThat(jdbc.queryForList("""
                SELECT account_id FROM account_snapshots
                WHERE job_execution_id = ? AND snapshot_reason = 'Monthly snapshot'
                  AND snapshot_timestamp = '2026-11-28T00:00:00Z'
                ORDER BY account_id""", Long.class, id))
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void createOfOneAccountSnapshotsOnlyThatAccount() {
        long id = create("""
                {"account_id": 2, "customer_id": 100, "snapshot_type": "event_driven", "trigger_event": "kpi_upload",
                 "force": true, "as_of": "2026-11-28T00:00:00Z"}""");

        JsonNode run = awaitStatus(id, "COMPLETED");
        assertThat(run.get("read_count").asLong()).isEqualTo(1);
        assertThat(run.get("written_count").asLong()).isEqualTo(1);
        assertThat(run.get("parameters").toString()).isEqualTo("""
                {"account_id":2,"as_of":"2026-11-28T00:00:00Z","customer_id":100,"force":"true","partitioned":"false",\
                "snapshot_type":"event_driven","threads":2,"trigger_event":"kpi_upload"}""");
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots", Long.class)).containsExactly(2L);
    }

    @Test
    void unknownSnapshotTypeIsRefused() {
        assertRefused("{\"snapshot_type\": \"weekly\"}", "snapshot_type", "snapshot_type: 'weekly' is not one of "
                + "manual, scheduled, event_driven, post_upload, post_health_calc");
    }

    @Test
    void malformedAsOfIsRefused() {
        assertRefused("{\"as_of\": \"2026-11-28 00:00\"}", "as_of",
                "as_of: '2026-11-28 00:00' is not an ISO-8601 instant such as 2026-11-28T02:00:00Z");
    }

    @Test
    void nonNumericAccountIdIsRefused() {
        Answer answer = post(CREATE, "{\"account_id\": \"abc\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("account_id");
        assertThat(answer.json().get("error").asString()).isEqualTo("account_id: must be a whole number");
        assertNoExecution();
    }

    @Test
    void accountThatDoesNotExistIsRefused() {
        assertRefused("{\"account_id\": 999}", "account_id", "account_id: account 999 does not exist");
    }

    @Test
    void accountOfAnotherCustomerIsRefused() {
        assertRefused("{\"account_id\": 1, \"customer_id\": 200}", "account_id",
                "account_id: account 1 does not belong to customer 200");
    }

    @Test
    void customerWithoutAccountsIsRefused() {
        assertRefused("{\"customer_id\": 300}", "customer_id", "customer_id: customer 300 has no accounts");
    }

    @Test
    void reasonLongerThan255CharactersIsRefused() {
        assertRefused("{\"reason\": \"" + "r".repeat(256) + "\"}", "reason",
                "reason: is 256 characters long; at most 255 are allowed");
    }

    @Test
    void triggerEventLongerThan100CharactersIsRefused() {
        assertRefused("{\"trigger_event\": \"" + "t".repeat(101) + "\"}", "trigger_event",
                "trigger_event: is 101 characters long; at most 100 are allowed");
    }

    @Test
    void unknownFieldIsRefusedByName() {
        Answer answer = post(CREATE, "{\"acount_id\": 1}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("acount_id");
        assertThat(answer.json().get("error").asString()).isEqualTo("acount_id: unknown field; known: account_id, "
                + "as_of, customer_id, force, force_create, reason, snapshot_type, trigger_event, wait");
        assertNoExecution();
    }

    static Stream<Arguments> valuesOfTheWrongType() {
        String notAnId = "must be a whole number";
        return Stream.of(
                Arguments.of("{\"account_id\": {\"id\": 1}}", "account_id", notAnId),
                Arguments.of("{\"account_id\": [1]}", "account_id", notAnId),
                Arguments.of("{\"account_id\": 1.5}", "account_id", notAnId),
                Arguments.of("{\"account_id\": 99999999999999999999}", "account_id", notAnId),
                Arguments.of("{\"account_id\": -1}", "account_id", "'-1' is not a positive whole number"),
                Arguments.of("{\"account_id\": 0}", "account_id", "'0' is not a positive whole number"),
                Arguments.of("{\"customer_id\": true}", "customer_id", notAnId),
                Arguments.of("{\"snapshot_type\": {\"code\": \"manual\"}}", "snapshot_type", "must be a string"),
                Arguments.of("{\"reason\": [\"a\", \"b\"]}", "reason", "must be a string"),
                Arguments.of("{\"force\": \"maybe\"}", "force", "must be true or false"),
                Arguments.of("{\"force\": {}}", "force", "must be true or false"),
                Arguments.of("{\"as_of\": 1764288000}", "as_of",
                        "'1764288000' is not an ISO-8601 instant such as 2026-11-28T02:00:00Z"));
    }

    @ParameterizedTest
    @MethodSource("valuesOfTheWrongType")
    void valueOfTheWrongTypeIsRefusedNamingItsField(String body, String field, String problem) {
        assertRefused(body, field, field + ": " + problem);
    }

    static Stream<Arguments> bodiesThatAreNotAJsonObject() {
        return Stream.of(
                Arguments.of("not json", "The request body is not valid JSON"),
                Arguments.of("{\"account_id\": 1", "The request body is not valid JSON"),
                Arguments.of("[]", "The request body must be a JSON object"),
                Arguments.of("\"manual\"", "The request body must be a JSON object"),
                Arguments.of("", "The request body is missing"));
    }

    @ParameterizedTest
    @MethodSource("bodiesThatAreNotAJsonObject")
    void bodyThatIsNotAJsonObjectIsRefused(String body, String error) {
        Answer answer = post(CREATE, body.isEmpty() ? null : body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).isEqualTo(error);
        assertThat(answer.json().has("field")).isFalse();
        assertNoExecution();
    }

    @Test
    void overlappingCreateIsRefusedWhileARunIsGoing() throws Exception {
        control.holdAfterWriting(1);
        long portfolioRun = create("{\"as_of\": \"2026-11-28T00:00:00Z\"}");
        control.awaitHeld();

        Answer answer = post(CREATE, "{\"account_id\": 2, \"as_of\": \"2026-11-28T00:00:00Z\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("running_execution_id").asLong()).isEqualTo(portfolioRun);
        assertThat(answer.json().get("error").asString()).isEqualTo("Execution " + portfolioRun
                + " is running on an overlapping scope; account 2 was not started");
        control.release();
        assertThat(awaitStatus(portfolioRun, "COMPLETED").get("written_count").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(1);
    }

    @Test
    void createOfAnotherCustomerGoesWhileARunIsGoing() throws Exception {
        control.holdAfterWriting(1);
        long customer100 = create("{\"customer_id\": 100, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        control.awaitHeld();

        long customer200 = create("{\"customer_id\": 200, \"as_of\": \"2026-11-28T00:00:00Z\"}");

        assertThat(awaitStatus(customer200, "COMPLETED").get("written_count").asLong()).isEqualTo(1);
        control.release();
        assertThat(awaitStatus(customer100, "COMPLETED").get("written_count").asLong()).isEqualTo(2);
    }

    @Test
    void createRepeatingACompletedRunsParametersIsRefused() {
        long first = create("{\"account_id\": 3, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        awaitStatus(first, "COMPLETED");

        Answer again = post(CREATE, "{\"account_id\": 3, \"as_of\": \"2026-11-28T00:00:00Z\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).contains("already");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(1);
    }

    private void assertRefused(String body, String field, String error) {
        Answer answer = post(CREATE, body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo(field);
        assertThat(answer.json().get("error").asString()).isEqualTo(error);
        assertNoExecution();
    }

    private void assertNoExecution() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }
}
