package com.accountsnapshot.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/events}: events stored once per event_id; a request with an invalid event stores nothing. */
class EventIntakeApiTest extends EventsTest {

    @BeforeEach
    void accounts() {
        portfolio.account(1, 100, "One", "10.00", "active", "{}")
                .account(2, 100, "Two", "20.00", "active", "{}")
                .account(3, 200, "Three", "30.00", "active", "{}");
    }

    @Test
    void anEventIsStoredPendingOnceAndItsRepetitionIsADuplicate() {
        // given
        String event = """
                {"event_id": "upload-1", "event_type": "KPI_DATA_UPLOADED", "customer_id": 100, "account_id": 1,
                 "occurred_at": "2026-11-28T10:00:00Z", "payload": {"file": "kpis.csv", "rows": 12}}""";

        // when
        Answer first = post("/api/events", event);
        Answer again = post("/api/events", "[" + event + "]");

        // then
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(first.json().get("duplicate").asInt()).isEqualTo(0);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("accepted").asInt()).isEqualTo(0);
        assertThat(again.json().get("duplicate").asInt()).isEqualTo(1);
        assertThat(rows("""
                SELECT event_id, event_type, customer_id, account_id, occurred_at, payload::text AS payload, source,
                       status, batch_id, problem FROM snapshot_events"""))
                .containsExactly(row("upload-1", "KPI_DATA_UPLOADED", 100L, 1L,
                        "{\"file\": \"kpis.csv\", \"rows\": 12}", "http", "pending"));
    }

    @Test
    void anArrayCountsItsNewEventsAndItsDuplicatesAlsoWithinTheRequest() {
        // given
        post("/api/events", event("e-1", "HEALTH_SCORES_UPDATED", 100, null));

        // when
        Answer answer = post("/api/events", "[" + String.join(",", event("e-1", "HEALTH_SCORES_UPDATED", 100, null),
                event("e-2", "ACCOUNT_DATA_CHANGED", 200, 3L), event("e-2", "ACCOUNT_DATA_CHANGED", 200, 3L),
                event("e-3", "PLAYBOOK_EXECUTION_COMPLETED", 100, 2L)) + "]");

        // then
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.json().get("duplicate").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT event_id FROM snapshot_events ORDER BY event_id", String.class))
                .containsExactly("e-1", "e-2", "e-3");
    }

    @Test
    void aRequestWithInvalidEventsNamesEachByIndexAndFieldAndStoresNothing() {
        // given
        String future = Instant.now().plusSeconds(3600).toString();
        String events = "[" + String.join(",",
                event("ok-1", "KPI_DATA_UPLOADED", 100, 1L),
                event("bad-type", "KPI_UPLOADED", 100, 1L),
                event("bad-owner", "KPI_DATA_UPLOADED", 200, 1L),
                event("no-account", "KPI_DATA_UPLOADED", 100, 99L),
                event("x".repeat(101), "KPI_DATA_UPLOADED", 100, 1L),
                event("zero-customer", "KPI_DATA_UPLOADED", 0, null),
                """
                {"event_id": "future", "event_type": "KPI_DATA_UPLOADED", "customer_id": 100,
                 "occurred_at": "%s"}""".formatted(future),
                """
                {"event_id": "array-payload", "event_type": "KPI_DATA_UPLOADED", "customer_id": 100,
                 "occurred_at": "2026-11-28T10:00:00Z", "payload": [1, 2]}""",
                """
                {"event_id": "big-payload", "event_type": "KPI_DATA_UPLOADED", "customer_id": 100,
                 "occurred_at": "2026-11-28T10:00:00Z", "payload": {"text": "%s"}}""".formatted("a".repeat(65_536)),
                """
                {"event_type": "KPI_DATA_UPLOADED", "customer_id": "100", "occurred_at": "yesterday"}""",
                event("no-customer-accounts", "HEALTH_SCORES_UPDATED", 300, null)) + "]";

        // when
        Answer answer = post("/api/events", events);

        // then
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).isEqualTo("10 of 11 events are invalid; none was stored");
        assertThat(problems(answer)).containsExactly(
                "1 event_type: 'KPI_UPLOADED' is not a known type; known: KPI_DATA_UPLOADED, HEALTH_SCORES_UPDATED, "
                        + "ACCOUNT_DATA_CHANGED, PLAYBOOK_EXECUTION_COMPLETED",
                "2 account_id: account 1 does not belong to customer 200",
                "3 account_id: account 99 does not exist",
                "4 event_id: must be 1 to 100 characters long, not 101",
                "5 customer_id: 0 is not a positive whole number",
                "6 occurred_at: " + future + " is later than now (" + answer.json().get("problems").get(6 - 1)
                        .get("problem").asString().replaceAll(".*now \\((.*)\\) plus.*", "$1")
                        + ") plus the allowed clock skew of PT5M",
                "7 payload: must be a JSON object",
                "8 payload: is 65547 bytes long; at most 65536 are allowed",
                "9 customer_id: \"100\" is not a positive whole number",
                "9 occurred_at: 'yesterday' is not an ISO-8601 instant such as 2026-11-28T10:00:00Z",
                "9 event_id: is missing",
                "10 customer_id: customer 300 has no accounts");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_events", Integer.class)).isZero();
    }

    private static List<String> problems(Answer answer) {
        return answer.json().get("problems").valueStream().map(problem -> problem.get("index").asInt() + " "
                + problem.get("field").asString() + ": " + problem.get("problem").asString()).toList();
    }

    private static Map<String, Object> row(String id, String type, long customer, Long account, String payload,
            String source, String status) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("event_id", id);
        row.put("event_type", type);
        row.put("customer_id", customer);
        row.put("account_id", account);
        row.put("occurred_at", java.sql.Timestamp.from(Instant.parse("2026-11-28T10:00:00Z")));
        row.put("payload", payload);
        row.put("source", source);
        row.put("status", status);
        row.put("batch_id", null);
        row.put("problem", null);
        return row;
    }
}
