package com.accountsnapshot.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/account-snapshots}, {@code /latest}, {@code /compare} and {@code /history}: the envelopes the
 * platform's front end reads, newest first (the series oldest first), only the principal's customers, 400 for bad
 * parameters and 404 {@code not_found} for anything missing or out of scope.
 */
class AccountSnapshotsApiTest extends ApiTest {

    /** 400, 200 and 10 days ago, at midnight UTC. */
    private final Instant t1 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(400, ChronoUnit.DAYS);

    private final Instant t2 = t1.plus(200, ChronoUnit.DAYS);

    private final Instant t3 = t1.plus(390, ChronoUnit.DAYS);

    /** Account 1's snapshots at t1, t2, t3. */
    private long s1;

    private long s2;

    private long s3;

    /**
     * Customer 100's accounts 1 (a health trend month at t1 and at t2, a playbook running since before t1, one
     * completed before t2) and 2, snapshotted at t1, t2 and t3, account 1 with a new revenue and status before t2;
     * customer 200's account 5 snapshotted at t2.
     */
    @BeforeEach
    void seed() throws Exception {
        ZonedDateTime month1 = t1.atZone(ZoneOffset.UTC);
        ZonedDateTime month2 = t2.atZone(ZoneOffset.UTC);
        portfolio.account(1, 100, "Acme", "1000.00", "active", null)
                .account(2, 100, "Globex", "250.00", "active", null)
                .account(5, 200, "Initech", "5.00", "active", null)
                .trend(1, 100, month1.getYear(), month1.getMonthValue(), "70.00", null, null, null, null, null)
                .trend(1, 100, month2.getYear(), month2.getMonthValue(), "80.00", null, null, null, null, null)
                .execution(1L, 100, 1, "pb-onboard", "in-progress", t1.minus(1, ChronoUnit.DAYS), null)
                .execution(1L, 100, 2, "pb-renewal", "completed", t1.plus(1, ChronoUnit.DAYS),
                        t2.minus(1, ChronoUnit.DAYS));
        customerRun(100, t1);
        jdbc.update("UPDATE accounts SET revenue = 1500.00, account_status = 'at_risk' WHERE account_id = 1");
        customerRun(100, t2);
        customerRun(200, t2);
        customerRun(100, t3);
        List<Long> ids = jdbc.queryForList(
                "SELECT snapshot_id FROM account_snapshots WHERE account_id = 1 ORDER BY snapshot_timestamp",
                Long.class);
        s1 = ids.get(0);
        s2 = ids.get(1);
        s3 = ids.get(2);
    }

    @Test
    void listIsNewestFirstWithTheTotalOfTheAnswer() {
        Answer answer = get("/api/account-snapshots?account_id=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().propertyNames()).containsExactly("status", "snapshots", "total");
        assertThat(answer.json().get("status").asString()).isEqualTo("success");
        assertThat(answer.json().get("total").asInt()).isEqualTo(3);
        assertThat(ids(answer)).containsExactly(s3, s2, s1);
        JsonNode newest = answer.json().get("snapshots").get(0);
        assertThat(newest.propertyNames()).containsExactlyElementsOf(columns());
        assertThat(newest.get("snapshot_timestamp").asString()).isEqualTo(t3.toString());
        assertThat(answer.text()).contains("\"revenue\":1500.00,", "\"overall_health_score\":80.00,");
    }

    @Test
    void listTakesALimitAndAStartDate() {
        assertThat(ids(get("/api/account-snapshots?account_id=1&limit=2"))).containsExactly(s3, s2);
        assertThat(get("/api/account-snapshots?account_id=1&limit=2").json().get("total").asInt()).isEqualTo(2);
        String day2 = t2.toString().substring(0, 10);
        assertThat(ids(get("/api/account-snapshots?account_id=1&start_date=" + day2))).containsExactly(s3, s2);
        assertThat(ids(get("/api/account-snapshots?account_id=1&start_date=" + day2 + "T00:00:01")))
                .containsExactly(s3);
        assertThat(ids(get("/api/account-snapshots?account_id=1&start_date=" + day2 + "T00:00:00Z")))
                .containsExactly(s3, s2);
        assertThat(ids(get("/api/account-snapshots?account_id=1&start_date=" + day2 + "T00:00:00-01:00")))
                .containsExactly(s3);
        assertThat(ids(get("/api/account-snapshots?account_id=1&start_date=" + t3 + "&limit=1")))
                .containsExactly(s3);
    }

    @Test
    void listWithoutAnAccountHoldsEveryAccountOfThePrincipalsCustomers() {
        Answer all = get("/api/account-snapshots");
        Answer scoped = call(HttpMethod.GET, "/api/account-snapshots", "scoped-viewer", null);

        // by snapshot_timestamp, then snapshot_id: customer 200's run at t2 came after customer 100's
        assertThat(accounts(all)).containsExactly(2L, 1L, 5L, 2L, 1L, 2L, 1L);
        assertThat(all.json().get("total").asInt()).isEqualTo(7);
        assertThat(accounts(scoped)).containsExactly(2L, 1L, 2L, 1L, 2L, 1L);
        assertThat(scoped.json().get("total").asInt()).isEqualTo(6);
    }

    @Test
    void latestIsTheNewestSnapshotInItsEnvelope() {
        Answer answer = get("/api/account-snapshots/latest?account_id=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().propertyNames()).containsExactly("status", "snapshot");
        assertThat(answer.json().get("status").asString()).isEqualTo("success");
        JsonNode snapshot = answer.json().get("snapshot");
        assertThat(snapshot.propertyNames()).containsExactlyElementsOf(columns());
        assertThat(snapshot.get("snapshot_id").asLong()).isEqualTo(s3);
        assertThat(snapshot.get("previous_snapshot_id").asLong()).isEqualTo(s2);
        assertThat(snapshot.get("snapshot_sequence_number").asInt()).isEqualTo(3);
        assertThat(snapshot.get("account_status").asString()).isEqualTo("at_risk");
        assertThat(snapshot.get("playbooks_running").toString()).isEqualTo("[\"pb-onboard\"]");
    }

    @Test
    void compareShowsBothSnapshotsAndTheColumnsThatDiffer() {
        Answer answer = get("/api/account-snapshots/compare?account_id=1&snapshot_id_1=" + s1 + "&snapshot_id_2=" + s2);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().propertyNames())
                .containsExactly("status", "account_id", "snapshot_1", "snapshot_2", "differing_fields");
        assertThat(answer.json().get("status").asString()).isEqualTo("success");
        assertThat(answer.json().get("account_id").asLong()).isEqualTo(1);
        assertThat(answer.json().get("snapshot_1").propertyNames()).containsExactlyElementsOf(columns());
        assertThat(answer.json().get("snapshot_1").get("snapshot_id").asLong()).isEqualTo(s1);
        assertThat(answer.json().get("snapshot_2").get("snapshot_id").asLong()).isEqualTo(s2);
        assertThat(answer.json().get("differing_fields").toString()).isEqualTo("[\"snapshot_timestamp\","
                + "\"days_since_last_snapshot\",\"playbooks_completed_count\",\"playbooks_completed_last_30_days\","
                + "\"is_significant_change\",\"account_status\",\"revenue\",\"overall_health_score\","
                + "\"last_playbook_executed\",\"health_score_change_from_last\",\"revenue_change_from_last\","
                + "\"revenue_change_percent\",\"health_score_trend\",\"changed_fields\"]");
        assertThat(get("/api/account-snapshots/compare?account_id=1&snapshot_id_1=" + s2 + "&snapshot_id_2=" + s3)
                .json().get("differing_fields").toString()).isEqualTo("[\"snapshot_timestamp\","
                        + "\"days_since_last_snapshot\",\"playbooks_completed_last_30_days\","
                        + "\"is_significant_change\",\"health_score_change_from_last\",\"revenue_change_from_last\","
                        + "\"revenue_change_percent\",\"changed_fields\"]");
        assertThat(get("/api/account-snapshots/compare?account_id=1&snapshot_id_1=" + s3 + "&snapshot_id_2=" + s3)
                .json().get("differing_fields").toString()).isEqualTo("[]");
    }

    @Test
    void historyIsACompactSeriesOfTheLastMonthsOldestFirst() {
        Answer answer = get("/api/account-snapshots/history?account_id=1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"status\":\"success\",\"account_id\":1,\"months\":12,\"history\":["
                + "{\"snapshot_id\":" + s2 + ",\"snapshot_timestamp\":\"" + t2 + "\",\"snapshot_type\":\"manual\","
                + "\"overall_health_score\":80.00,\"health_score_change_from_last\":10.00,"
                + "\"health_score_trend\":\"improving\",\"revenue\":1500.00,\"revenue_change_percent\":50.00,"
                + "\"account_status\":\"at_risk\",\"playbooks_running_count\":1,\"playbooks_completed_count\":1,"
                // changed_fields as PostgreSQL writes the stored jsonb
                + "\"is_significant_change\":true,"
                + "\"changed_fields\":{\"revenue\": {\"to\": 1500.00, \"from\": 1000.00}, "
                + "\"account_status\": {\"to\": \"at_risk\", \"from\": \"active\"}, "
                + "\"overall_health_score\": {\"to\": 80.00, \"from\": 70.00}, "
                + "\"last_playbook_executed\": {\"to\": {\"started_at\": \"" + t1.plus(1, ChronoUnit.DAYS)
                + "\", \"playbook_id\": \"pb-renewal\"}, \"from\": {\"started_at\": \"" + t1.minus(1, ChronoUnit.DAYS)
                + "\", \"playbook_id\": \"pb-onboard\"}}, \"playbooks_completed_count\": {\"to\": 1, \"from\": 0}, "
                + "\"playbooks_completed_last_30_days\": {\"to\": 1, \"from\": 0}}},"
                + "{\"snapshot_id\":" + s3 + ",\"snapshot_timestamp\":\"" + t3 + "\",\"snapshot_type\":\"manual\","
                + "\"overall_health_score\":80.00,\"health_score_change_from_last\":0.00,"
                + "\"health_score_trend\":\"improving\",\"revenue\":1500.00,\"revenue_change_percent\":0.00,"
                + "\"account_status\":\"at_risk\",\"playbooks_running_count\":1,\"playbooks_completed_count\":1,"
                + "\"is_significant_change\":false,\"changed_fields\":{\"playbooks_completed_last_30_days\": "
                + "{\"to\": 0, \"from\": 1}}}],\"total\":2}");
        assertThat(ids(get("/api/account-snapshots/history?account_id=1&months=14"), "history"))
                .containsExactly(s1, s2, s3);
        assertThat(ids(get("/api/account-snapshots/history?account_id=1&months=1"), "history")).containsExactly(s3);
        assertThat(get("/api/account-snapshots/history?account_id=2&months=1").json().get("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void anAccountWithoutSnapshotsHasEmptyListsAndNoLatest() {
        portfolio.account(3, 100, "Hooli", null, "active", null);

        assertThat(get("/api/account-snapshots?account_id=3").text())
                .isEqualTo("{\"status\":\"success\",\"snapshots\":[],\"total\":0}");
        assertThat(get("/api/account-snapshots/history?account_id=3").text())
                .isEqualTo("{\"status\":\"success\",\"account_id\":3,\"months\":12,\"history\":[],\"total\":0}");
        Answer latest = get("/api/account-snapshots/latest?account_id=3");
        assertThat(latest.status()).isEqualTo(404);
        assertThat(latest.text()).isEqualTo("{\"status\":\"not_found\",\"message\":\"Account 3 has no snapshot yet\","
                + "\"error\":\"Account 3 has no snapshot yet\"}");
    }

    @Test
    void accountsOfOtherCustomersAnswerExactlyAsMissingOnes() {
        for (String path : List.of("/api/account-snapshots?account_id=%d",
                "/api/account-snapshots/latest?account_id=%d",
                "/api/account-snapshots/history?account_id=%d",
                "/api/account-snapshots/compare?account_id=%d&snapshot_id_1=1&snapshot_id_2=2")) {
            Answer other = call(HttpMethod.GET, path.formatted(5), "scoped-viewer", null);
            Answer missing = call(HttpMethod.GET, path.formatted(99), "scoped-viewer", null);

            assertThat(other.status()).as(path).isEqualTo(404);
            assertThat(other.text()).as(path).isEqualTo("{\"status\":\"not_found\",\"message\":\"No account has id 5\","
                    + "\"error\":\"No account has id 5\"}");
            assertThat(missing.text()).as(path).isEqualTo(other.text().replace("id 5", "id 99"));
        }
        assertThat(call(HttpMethod.GET, "/api/account-snapshots/history?account_id=5", "viewer", null).json()
                .get("total").asInt()).isEqualTo(1);
    }

    @Test
    void compareOfASnapshotOfAnotherAccountIsNotFound() {
        long ofAccount5 = jdbc.queryForObject("SELECT snapshot_id FROM account_snapshots WHERE account_id = 5",
                Long.class);

        Answer answer = get("/api/account-snapshots/compare?account_id=1&snapshot_id_1=" + s1 + "&snapshot_id_2="
                + ofAccount5);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("status").asString()).isEqualTo("not_found");
        assertThat(answer.json().get("message").asString())
                .isEqualTo("Account 1 has no snapshot with id " + ofAccount5);
    }

    /** Each bad parameter is refused, naming it, in the envelope ("error" and "field" as elsewhere in the API). */
    @Test
    void badParametersAreRefusedNamingThem() {
        String notADate = "' is not a date (2026-11-01) or an ISO-8601 date-time (2026-11-01T08:00:00Z)";
        List<List<String>> cases = List.of(
                List.of("/api/account-snapshots?account_id=1&limit=0", "limit",
                        "limit: '0' is not a positive whole number"),
                List.of("/api/account-snapshots?account_id=1&limit=-1", "limit",
                        "limit: '-1' is not a positive whole number"),
                List.of("/api/account-snapshots?account_id=1&limit=ten", "limit",
                        "limit: 'ten' is not a positive whole number"),
                List.of("/api/account-snapshots?account_id=1&limit=1001", "limit",
                        "limit: 1001 is more than 1000"),
                List.of("/api/account-snapshots?account_id=1&start_date=2026-13-01", "start_date",
                        "start_date: '2026-13-01" + notADate),
                List.of("/api/account-snapshots?start_date=yesterday", "start_date",
                        "start_date: 'yesterday" + notADate),
                List.of("/api/account-snapshots?account_id=abc", "account_id",
                        "account_id: 'abc' is not a positive whole number"),
                List.of("/api/account-snapshots/latest", "account_id",
                        "account_id: is required"),
                List.of("/api/account-snapshots/latest?account_id=0", "account_id",
                        "account_id: '0' is not a positive whole number"),
                List.of("/api/account-snapshots/history?account_id=1&months=0", "months",
                        "months: '0' is not a positive whole number"),
                List.of("/api/account-snapshots/history?account_id=1&months=1.5", "months",
                        "months: '1.5' is not a positive whole number"),
                List.of("/api/account-snapshots/history?account_id=1&months=1201", "months",
                        "months: 1201 is more than 1200"),
                List.of("/api/account-snapshots/history?months=3", "account_id",
                        "account_id: is required"),
                List.of("/api/account-snapshots/compare?account_id=1&snapshot_id_1=1", "snapshot_id_2",
                        "snapshot_id_2: is required"),
                List.of("/api/account-snapshots/compare?account_id=1&snapshot_id_1=x&snapshot_id_2=1",
                        "snapshot_id_1",
                        "snapshot_id_1: 'x' is not a positive whole number"));
        for (List<String> refusal : cases) {
            String message = refusal.get(2);

            Answer answer = get(refusal.get(0));

            assertThat(answer.status()).as(refusal.get(0)).isEqualTo(400);
            assertThat(answer.text()).as(refusal.get(0)).isEqualTo("{\"status\":\"error\",\"message\":\"" + message
                    + "\",\"error\":\"" + message + "\",\"field\":\"" + refusal.get(1) + "\"}");
        }
    }

    private void customerRun(long customerId, Instant asOf) throws Exception {
        assertThat(runs.run(Map.of("customerId", Long.toString(customerId), "asOf", asOf.toString())).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
    }

    private List<String> columns() {
        return jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'account_snapshots' ORDER BY ordinal_position""",
                String.class);
    }

    private static List<Long> ids(Answer answer) {
        return ids(answer, "snapshots");
    }

    private static List<Long> ids(Answer answer, String list) {
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.json().get(list).spliterator(), false)
                .map(snapshot -> snapshot.get("snapshot_id").asLong()).toList();
    }

    private static List<Long> accounts(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.json().get("snapshots").spliterator(), false)
                .map(snapshot -> snapshot.get("account_id").asLong()).toList();
    }
}
