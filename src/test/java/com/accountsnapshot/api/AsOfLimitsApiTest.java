package com.accountsnapshot.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A far-future or too-old as_of is refused with 400 naming it, before any job execution exists. */
class AsOfLimitsApiTest extends ApiTest {

    @BeforeEach
    void seed() {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
    }

    @Test
    void farFutureAsOfIsRefusedLeavingNoExecution() {
        Answer answer = post("/api/account-snapshots/create", "{\"as_of\": \"9999-12-31T00:00:00Z\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo("as_of");
        assertThat(answer.json().get("error").asString())
                .startsWith("as_of: the as-of instant 9999-12-31T00:00:00Z is later than now plus 5m (");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }

    @Test
    void asOfBeforeTheMinimumIsRefusedLeavingNoExecution() {
        Answer answer = post("/api/account-snapshots/create", "{\"as_of\": \"-999999999-01-01T00:00:00Z\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).isEqualTo("{\"error\":\"as_of: the as-of instant -999999999-01-01T00:00:00Z is "
                + "earlier than 2000-01-01T00:00:00Z (account-snapshot.job.min-as-of)\",\"field\":\"as_of\"}");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }
}
