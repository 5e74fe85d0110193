package com.accountsnapshot.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/account-snapshots/{snapshot_id}/context}: the snapshot with the notes (cut at 300 characters,
 * with an ellipsis) and reports it references, as JSON and as plain text; a referenced row filed since under
 * another customer is never shown; snapshots of other customers answer as missing ones.
 */
class SnapshotContextApiTest extends ApiTest {

    private final Instant asOf = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);

    private final Instant day = asOf.minus(10, ChronoUnit.DAYS);

    /** 350 characters: the first 300 end with the one B. */
    private static final String LONG_NOTE = "A".repeat(299) + "BC" + "D".repeat(49);

    /** Account 1's second snapshot; account 5's only one. */
    private long snapshot;

    private long otherCustomers;

    /**
     * Account 1 (customer 100) with three notes and two reports, snapshotted twice (its revenue raised in between);
     * then its newest note and its newer report are filed under customer 200. Account 5 of customer 200.
     */
    @BeforeEach
    void seed() throws Exception {
        portfolio.account(1, 100, "Acme", "1000.00", "active",
                        "{\"assigned_csm\": \"Dana\", \"account_tier\": \"Gold\"}")
                .account(5, 200, "Initech", "5.00", "active", null)
                .report(1L, 100, 21, day.plus(1, ChronoUnit.HOURS))
                .report(1L, 100, 22, day.plus(2, ChronoUnit.HOURS));
        note(11, "qbr", LONG_NOTE, day.plus(3, ChronoUnit.HOURS));
        note(12, "meeting", "Called the champion.\nRenewal   likely.", day.plus(4, ChronoUnit.HOURS));
        note(13, "escalation", "Filed under the wrong customer.", day.plus(5, ChronoUnit.HOURS));
        run(Map.of("customerId", "100", "asOf", asOf.minus(2, ChronoUnit.DAYS).toString()));
        jdbc.update("UPDATE accounts SET revenue = 1200.00 WHERE account_id = 1");
        run(Map.of("customerId", "100", "asOf", asOf.toString()));
        run(Map.of("customerId", "200", "asOf", asOf.toString()));
        jdbc.update("UPDATE account_notes SET customer_id = 200 WHERE note_id = 13");
        jdbc.update("UPDATE playbook_reports SET customer_id = 200 WHERE report_id = 22");
        snapshot = jdbc.queryForObject("""
                SELECT snapshot_id FROM account_snapshots WHERE account_id = 1 AND snapshot_sequence_number = 2""",
                Long.class);
        otherCustomers = jdbc.queryForObject("SELECT snapshot_id FROM account_snapshots WHERE account_id = 5",
                Long.class);
    }

    @Test
    void contextHoldsTheSnapshotAndTheContentOfItsOwnCustomersReferences() {
        Answer answer = get("/api/account-snapshots/" + snapshot + "/context");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentType()).hasToString("application/json");
        JsonNode context = answer.json();
        assertThat(context.propertyNames()).containsExactly("status", "snapshot", "notes", "reports",
                "unavailable_note_ids", "unavailable_report_ids");
        assertThat(context.get("status").asString()).isEqualTo("success");
        assertThat(context.get("snapshot").get("snapshot_id").asLong()).isEqualTo(snapshot);
        assertThat(context.get("snapshot").get("recent_csm_note_ids").toString()).isEqualTo("[13,12,11]");
        assertThat(context.get("snapshot").get("recent_playbook_report_ids").toString()).isEqualTo("[22,21]");
        assertThat(context.get("notes").toString()).isEqualTo("[{\"note_id\":12,\"note_type\":\"meeting\","
                + "\"created_at\":\"" + day.plus(4, ChronoUnit.HOURS) + "\",\"content\":\"Called the champion.\\n"
                + "Renewal   likely.\",\"content_truncated\":false,\"content_length\":38},"
                + "{\"note_id\":11,\"note_type\":\"qbr\",\"created_at\":\"" + day.plus(3, ChronoUnit.HOURS)
                + "\",\"content\":\"" + "A".repeat(299) + "B\u2026\",\"content_truncated\":true,"
                + "\"content_length\":350}]");
        assertThat(context.get("reports").toString()).isEqualTo("[{\"report_id\":21,\"playbook_id\":\"pb\","
                + "\"playbook_name\":\"Playbook\",\"report_generated_at\":\"" + day.plus(1, ChronoUnit.HOURS) + "\"}]");
        assertThat(context.get("unavailable_note_ids").toString()).isEqualTo("[13]");
        assertThat(context.get("unavailable_report_ids").toString()).isEqualTo("[22]");
        assertThat(answer.text()).doesNotContain("Filed under the wrong customer");
    }

    @Test
    void contextAsPlainTextIsTheBlockForAPrompt() {
        Answer answer = send(HttpMethod.GET, "/api/account-snapshots/" + snapshot + "/context", null,
                Map.of("Accept", "text/plain"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getContentType().toString()).startsWith("text/plain");
        assertThat(answer.text()).isEqualTo("Account snapshot " + snapshot + " of account 1 \"Acme\" (customer 100), "
                + "as of " + asOf + ", type manual, sequence 2\n"
                + "Account: status active, revenue 1200.00, tier Gold, industry Software, region EMEA, "
                + "lifecycle stage unknown, engagement score unknown\n"
                + "People: CSM Dana, CSM manager unknown, owner unknown, primary champion unknown (unknown), "
                + "0 stakeholders; last QBR unknown, next QBR unknown\n"
                + "Health: overall unknown (source none, trend stable); product usage unknown, support unknown, "
                + "customer sentiment unknown, business outcomes unknown, relationship strength unknown\n"
                + "Products: none\n"
                + "KPIs: 0 (0 critical, 0 at risk, 0 healthy, 0 unscored)\n"
                + "Playbooks: 0 running (none), 0 completed, 0 in the last 30 days; active recommendations: none\n"
                + "Change since the previous snapshot (2 days): health unknown, revenue +200.00 (+20.00%), "
                + "significant yes; changed fields: revenue\n"
                + "Recent notes (2):\n"
                + "- meeting, " + day.plus(4, ChronoUnit.HOURS) + ": Called the champion. Renewal likely.\n"
                + "- qbr, " + day.plus(3, ChronoUnit.HOURS) + ": " + "A".repeat(299) + "B\u2026\n"
                + "Recent playbook reports (1):\n"
                + "- Playbook, " + day.plus(1, ChronoUnit.HOURS) + "\n");
    }

    @Test
    void textIsChosenByTheAcceptHeadersPreference() {
        String uri = "/api/account-snapshots/" + snapshot + "/context";

        assertThat(send(HttpMethod.GET, uri, null, Map.of("Accept", "application/json;q=0.5, text/plain")).text())
                .startsWith("Account snapshot ");
        assertThat(send(HttpMethod.GET, uri, null, Map.of("Accept", "text/plain;q=0.5, application/json")).text())
                .startsWith("{\"status\":\"success\"");
        assertThat(send(HttpMethod.GET, uri, null, Map.of("Accept", "*/*")).text())
                .startsWith("{\"status\":\"success\"");
    }

    @Test
    void aSnapshotOfAnotherCustomerAnswersAsAMissingOne() {
        long missing = otherCustomers + 1000;
        String uri = "/api/account-snapshots/%d/context";

        Answer other = call(HttpMethod.GET, uri.formatted(otherCustomers), "scoped-viewer", null);
        Answer absent = call(HttpMethod.GET, uri.formatted(missing), "scoped-viewer", null);

        assertThat(other.status()).isEqualTo(404);
        assertThat(other.text()).isEqualTo("{\"status\":\"not_found\",\"message\":\"No snapshot has id "
                + otherCustomers + "\",\"error\":\"No snapshot has id " + otherCustomers + "\"}");
        assertThat(absent.text())
                .isEqualTo(other.text().replace(Long.toString(otherCustomers), Long.toString(missing)));
        assertThat(call(HttpMethod.GET, uri.formatted(snapshot), "scoped-viewer", null).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, uri.formatted(otherCustomers), "viewer", null).status()).isEqualTo(200);
        Answer asText = send(HttpMethod.GET, uri.formatted(missing), null, Map.of("Accept", "text/plain"));
        assertThat(asText.status()).isEqualTo(404);
        assertThat(asText.text()).isEqualTo("not_found: No snapshot has id " + missing + "\n");
    }

    @Test
    void aMalformedSnapshotIdIsRefused() {
        Answer answer = get("/api/account-snapshots/abc/context");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).isEqualTo("{\"status\":\"error\",\"message\":\"snapshot_id: 'abc' is not a positive "
                + "whole number\",\"error\":\"snapshot_id: 'abc' is not a positive whole number\","
                + "\"field\":\"snapshot_id\"}");
    }

    private void note(long noteId, String type, String content, Instant createdAt) {
        jdbc.update("""
                INSERT INTO account_notes (note_id, account_id, customer_id, note_type, note_content, created_at)
                VALUES (?, 1, 100, ?, ?, ?)""", noteId, type, content, createdAt.atOffset(ZoneOffset.UTC));
    }

    private void run(Map<String, String> parameters) throws Exception {
        assertThat(runs.run(parameters).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }
}
