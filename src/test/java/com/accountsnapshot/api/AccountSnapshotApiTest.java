package com.accountsnapshot.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/accounts/{accountId}/snapshots}: an account's history, newest first and paged, and its latest
 * snapshot with every column; only that account's rows; 404 for an account never known, 400 for a malformed id.
 */
class AccountSnapshotApiTest extends ApiTest {

    /**
     * Customer 100's accounts 1 and 2 snapshotted three times, a month apart; customer 200's account 3 never.
     */
    @BeforeEach
    void seedAndSnapshotThreeTimes() throws Exception {
        portfolio.account(1, 100, "Acme", "1000.00", "active", """
                        {"account_tier": "Gold", "engagement": {"last_qbr_date": "2026-09-15", "score": "72.455"}}""")
                .account(2, 100, "Globex", null, "at_risk", null)
                .account(3, 200, "Initech", "5.00", "active", null)
                .product(1, 100, 10, "Analytics")
                .kpi(1, 100, 4, null, "Business Outcomes", "Churn Rate", "12%", "high");
        for (String asOf : List.of("2026-09-28T00:00:00Z", "2026-10-28T00:00:00Z", "2026-11-28T00:00:00Z")) {
            assertThat(runs.run(Map.of("customerId", "100", "asOf", asOf)).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
        }
    }

    @Test
    void historyIsNewestFirstAndPaged() {
        Answer first = get("/api/accounts/1/snapshots?page=0&size=2");
        Answer second = get("/api/accounts/1/snapshots?page=1&size=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("account_id").asLong()).isEqualTo(1);
        assertThat(first.json().get("total").asLong()).isEqualTo(3);
        assertThat(first.json().get("page").asInt()).isZero();
        assertThat(first.json().get("size").asInt()).isEqualTo(2);
        assertThat(column(first, "snapshot_sequence_number")).containsExactly("3", "2");
        assertThat(column(first, "snapshot_timestamp")).containsExactly("2026-11-28T00:00:00Z", "2026-10-28T00:00:00Z");
        assertThat(column(second, "snapshot_sequence_number")).containsExactly("1");
        assertThat(column(get("/api/accounts/1/snapshots"), "snapshot_sequence_number")).containsExactly("3", "2", "1");
        assertThat(column(get("/api/accounts/1/snapshots"), "account_id")).containsOnly("1");
        assertThat(column(get("/api/accounts/1/snapshots?page=5"), "account_id")).isEmpty();
    }

    @Test
    void historySizeIsCappedAt200() {
        assertThat(get("/api/accounts/1/snapshots?size=5000").json().get("size").asInt()).isEqualTo(200);
    }

    @Test
    void latestHasEveryColumnWithJsonTimestampsAndDecimalsAsStored() {
        Answer answer = get("/api/accounts/1/snapshots/latest");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode latest = answer.json();
        assertThat(latest.propertyNames()).containsExactlyElementsOf(jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns WHERE table_name = 'account_snapshots'
                ORDER BY ordinal_position""", String.class));
        Long previous = jdbc.queryForObject("""
                SELECT snapshot_id FROM account_snapshots WHERE account_id = 1 AND snapshot_sequence_number = 2""",
                Long.class);
        assertThat(latest.get("previous_snapshot_id").asLong()).isEqualTo(previous);
        assertThat(latest.get("account_id").asLong()).isEqualTo(1);
        assertThat(latest.get("customer_id").asLong()).isEqualTo(100);
        assertThat(latest.get("snapshot_sequence_number").asInt()).isEqualTo(3);
        assertThat(latest.get("snapshot_timestamp").asString()).isEqualTo("2026-11-28T00:00:00Z");
        assertThat(latest.get("snapshot_type").asString()).isEqualTo("manual");
        assertThat(latest.get("snapshot_reason").isNull()).isTrue();
        assertThat(latest.get("account_tier").asString()).isEqualTo("Gold");
        assertThat(latest.get("last_qbr_date").asString()).isEqualTo("2026-09-15");
        assertThat(latest.get("next_qbr_date").isNull()).isTrue();
        assertThat(latest.get("days_since_last_snapshot").asInt()).isEqualTo(31);
        assertThat(latest.get("health_score_source").asString()).isEqualTo("kpi_proxy");
        assertThat(latest.get("is_significant_change").asBoolean()).isFalse();
        assertThat(latest.get("products_used").toString()).isEqualTo("[\"Analytics\"]");
        assertThat(latest.get("top_critical_kpis").toString()).isEqualTo("[{\"value\":\"12%\",\"kpi_id\":4,"
                + "\"category\":\"Business Outcomes\",\"product_id\":null,\"impact_level\":\"high\","
                + "\"kpi_parameter\":\"Churn Rate\"}]");
        assertThat(latest.get("last_playbook_executed").isNull()).isTrue();
        assertThat(latest.get("recent_csm_note_ids").toString()).isEqualTo("[]");
        // nothing changed since the second snapshot; the first has no previous one to differ from
        assertThat(latest.get("changed_fields").toString()).isEqualTo("{}");
        assertThat(get("/api/accounts/1/snapshots?page=1&size=2").json().get("snapshots").get(0)
                .get("changed_fields").isNull()).isTrue();
        assertThat(Instant.parse(latest.get("created_at").asString())).isBefore(Instant.now());
        // decimals keep their scale, as JSON numbers
        assertThat(answer.text()).contains("\"revenue\":1000.00,", "\"engagement_score\":72.46,",
                "\"overall_health_score\":0.00,", "\"business_outcomes_score\":0.00,", "\"product_usage_score\":null,",
                "\"health_score_change_from_last\":0.00,", "\"revenue_change_from_last\":0.00,",
                "\"revenue_change_percent\":0.00,");
    }

    @Test
    void accountWithoutSnapshotsHasAnEmptyHistoryAndNoLatest() {
        Answer history = get("/api/accounts/3/snapshots");
        Answer latest = get("/api/accounts/3/snapshots/latest");

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().get("total").asLong()).isZero();
        assertThat(history.json().get("snapshots").size()).isZero();
        assertThat(latest.status()).isEqualTo(404);
        assertThat(latest.json().get("error").asString()).isEqualTo("Account 3 has no snapshot yet");
    }

    @Test
    void unknownAccountIsNotFound() {
        for (String path : List.of("/api/accounts/999/snapshots", "/api/accounts/999/snapshots/latest")) {
            Answer answer = get(path);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("error").asString()).isEqualTo("No account has id 999");
        }
    }

    @Test
    void snapshotsOfAnAccountNoLongerInAccountsAreStillServed() {
        jdbc.update("DELETE FROM accounts WHERE account_id = 2");

        assertThat(column(get("/api/accounts/2/snapshots"), "account_name"))
                .containsExactly("Globex", "Globex", "Globex");
        assertThat(get("/api/accounts/2/snapshots/latest").json().get("snapshot_sequence_number").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "1.5", "1e3", "99999999999999999999"})
    void malformedAccountIdIsRefused(String accountId) {
        for (String path : List.of("/api/accounts/" + accountId + "/snapshots",
                "/api/accounts/" + accountId + "/snapshots/latest")) {
            Answer answer = get(path);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).isEqualTo("account_id");
            assertThat(answer.json().get("error").asString())
                    .isEqualTo("account_id: '" + accountId + "' is not a positive whole number");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "page=abc", "size=0", "size=-3", "size=x"})
    void malformedPagingIsRefused(String query) {
        Answer answer = get("/api/accounts/1/snapshots?" + query);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo(query.substring(0, query.indexOf('=')));
    }

    private static List<String> column(Answer answer, String name) {
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.json().get("snapshots").spliterator(), false)
                .map(snapshot -> snapshot.get(name).asString()).toList();
    }
}
