package com.accountsnapshot.api;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A principal limited to customer 100 (and 300, which has no accounts) sees and acts on customer 100 only: every
 * account, snapshot and run of customer 200, and every full-portfolio run, answers exactly as a missing one (404,
 * same body), lists and counts leave them out, and launches outside its customers are refused (403).
 */
class TenantScopingApiTest extends ApiTest {

    static final String SCOPED_VIEWER = "scoped-viewer";

    static final String SCOPED_OPERATOR = "scoped-operator";

    private long customer100;

    private long customer200;

    private long account1;

    private long account5;

    private long portfolioRun;

    /** Customer 100 has accounts 1 and 2, customer 200 accounts 5 and 6; accounts 1 and 5 have three snapshots. */
    @BeforeEach
    void seed() {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(2, 100, "Account 2", "100.00", "active", null);
        portfolio.account(5, 200, "Account 5", "100.00", "active", null);
        portfolio.account(6, 200, "Account 6", "100.00", "active", null);
        customer100 = completed("{\"customer_id\": 100, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        customer200 = completed("{\"customer_id\": 200, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        account1 = completed("{\"account_id\": 1, \"as_of\": \"2026-11-28T00:30:00Z\"}");
        account5 = completed("{\"account_id\": 5, \"as_of\": \"2026-11-28T00:30:00Z\"}");
        portfolioRun = completed("{\"as_of\": \"2026-11-28T01:00:00Z\"}");
    }

    @Test
    void runsOfOtherCustomersAndOfThePortfolioAreLeftOutOfTheList() {
        assertThat(ids(call(HttpMethod.GET, "/api/snapshot-runs", SCOPED_VIEWER, null)))
                .containsExactly(account1, customer100);
        assertThat(ids(call(HttpMethod.GET, "/api/snapshot-runs?status=COMPLETED&limit=1", SCOPED_VIEWER, null)))
                .containsExactly(account1);
        assertThat(ids(call(HttpMethod.GET, "/api/snapshot-runs", "viewer", null)))
                .containsExactly(portfolioRun, account5, account1, customer200, customer100);
    }

    @Test
    void runsOutOfScopeAnswerAsMissingOnes() {
        long missing = portfolioRun + 1000;
        for (long id : new long[] {customer200, account5, portfolioRun}) {
            for (String path : List.of("", "/issues")) {
                Answer answer = call(HttpMethod.GET, "/api/snapshot-runs/" + id + path, SCOPED_VIEWER, null);
                Answer absent = call(HttpMethod.GET, "/api/snapshot-runs/" + missing + path, SCOPED_VIEWER, null);

                assertThat(answer.status()).isEqualTo(404);
                assertThat(answer.text()).isEqualTo("{\"error\":\"No snapshot run has execution id " + id + "\"}");
                assertThat(absent.text()).isEqualTo(answer.text().replace(Long.toString(id), Long.toString(missing)));
            }
            for (String action : List.of("restart", "stop", "recover")) {
                Answer answer = call(HttpMethod.POST, "/api/snapshot-runs/" + id + "/" + action, SCOPED_OPERATOR, null);

                assertThat(answer.status()).isEqualTo(404);
                assertThat(answer.text()).isEqualTo("{\"error\":\"No snapshot run has execution id " + id + "\"}");
            }
        }
        assertThat(call(HttpMethod.GET, "/api/snapshot-runs/" + customer100, SCOPED_VIEWER, null).status())
                .isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/api/snapshot-runs/" + account1 + "/issues", SCOPED_VIEWER, null).status())
                .isEqualTo(200);
    }

    @Test
    void accountsAndSnapshotsOfOtherCustomersAnswerAsMissingOnes() {
        for (long account : new long[] {5, 6}) {
            Answer history = call(HttpMethod.GET, "/api/accounts/" + account + "/snapshots", SCOPED_VIEWER, null);
            Answer latest = call(HttpMethod.GET, "/api/accounts/" + account + "/snapshots/latest", SCOPED_VIEWER,
                    null);
            Answer missing = call(HttpMethod.GET, "/api/accounts/99/snapshots", SCOPED_VIEWER, null);

            assertThat(history.status()).isEqualTo(404);
            assertThat(latest.status()).isEqualTo(404);
            assertThat(history.text()).isEqualTo("{\"error\":\"No account has id " + account + "\"}");
            assertThat(latest.text()).isEqualTo(history.text());
            assertThat(missing.text()).isEqualTo(history.text().replace(Long.toString(account), "99"));
        }
        JsonNode own = call(HttpMethod.GET, "/api/accounts/1/snapshots", SCOPED_VIEWER, null).json();
        assertThat(own.get("total").asLong()).isEqualTo(3);
        assertThat(StreamSupport.stream(own.get("snapshots").spliterator(), false)
                .map(row -> row.get("customer_id").asLong()).distinct().toList()).containsExactly(100L);
        assertThat(call(HttpMethod.GET, "/api/accounts/5/snapshots", "viewer", null).json().get("total").asLong())
                .isEqualTo(3);
    }

    @Test
    void launchesOutsideTheCustomersAreRefusedAndNoRunStarts() {
        long before = jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class);

        Answer otherCustomer = call(HttpMethod.POST, "/api/account-snapshots/create", SCOPED_OPERATOR,
                "{\"customer_id\": 200, \"as_of\": \"2026-11-29T00:00:00Z\"}");
        Answer otherAccount = call(HttpMethod.POST, "/api/account-snapshots/create", SCOPED_OPERATOR,
                "{\"account_id\": 5, \"as_of\": \"2026-11-29T00:00:00Z\"}");
        Answer missingAccount = call(HttpMethod.POST, "/api/account-snapshots/create", SCOPED_OPERATOR,
                "{\"account_id\": 99, \"as_of\": \"2026-11-29T00:00:00Z\"}");
        Answer mixed = call(HttpMethod.POST, "/api/account-snapshots/create", SCOPED_OPERATOR,
                "{\"customer_id\": 100, \"account_id\": 5, \"as_of\": \"2026-11-29T00:00:00Z\"}");
        Answer wholePortfolio = call(HttpMethod.POST, "/api/account-snapshots/create", SCOPED_OPERATOR,
                "{\"as_of\": \"2026-11-29T00:00:00Z\"}");

        assertThat(otherCustomer.status()).isEqualTo(403);
        assertThat(otherCustomer.json().get("error").asString())
                .isEqualTo("customer 200 is not one of the principal's customers");
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.json().get("error").asString())
                .isEqualTo("account 5 is not an account of the principal's customers");
        assertThat(missingAccount.status()).isEqualTo(403);
        assertThat(missingAccount.json().get("error").asString())
                .isEqualTo("account 99 is not an account of the principal's customers");
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(wholePortfolio.status()).isEqualTo(403);
        assertThat(wholePortfolio.json().get("error").asString())
                .isEqualTo("a full-portfolio run needs a principal of every customer");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(before);

        Answer own = call(HttpMethod.POST, "/api/account-snapshots/create", SCOPED_OPERATOR,
                "{\"account_id\": 2, \"as_of\": \"2026-11-29T00:00:00Z\"}");
        assertThat(own.status()).isEqualTo(202);
        awaitStatus(own.json().get("execution_id").asLong(), "COMPLETED");
    }

    private long completed(String json) {
        long id = create(json);
        awaitStatus(id, "COMPLETED");
        return id;
    }

    private static List<Long> ids(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false).map(run -> run.get("execution_id").asLong())
                .toList();
    }
}
