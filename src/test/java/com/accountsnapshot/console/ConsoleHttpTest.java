package com.accountsnapshot.console;

import java.util.List;
import java.util.Map;

import com.accountsnapshot.ConsoleSession;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's refusals over HTTP, as a browser meets them: the same checks, refusals and audit rows as the
 * API, a run of another customer answered as one that does not exist, and no action without a CSRF token.
 */
class ConsoleHttpTest extends ConsoleTest {

    @Test
    void runOfAnotherCustomerIsAnsweredAsOneThatDoesNotExist() throws Exception {
        // given
        twoCustomers();
        long other = runs.run(Map.of("accountId", "5", "asOf", "2026-11-28T00:00:00Z")).getId();
        ConsoleSession scoped = ConsoleSession.signedIn(port, "scoped-operator", PASSWORD);

        // when
        ConsoleSession.Page page = scoped.get("/runs/" + other);
        ConsoleSession.Page progress = scoped.get("/runs/" + other + "/progress");
        ConsoleSession.Page missing = scoped.get("/runs/999999");
        ConsoleSession.Page stop = scoped.post("/runs/" + other + "/stop", Map.of());

        // then
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("<p id=\"not-found\">No snapshot run has execution id " + other + "</p>");
        assertThat(progress.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("<p id=\"not-found\">No snapshot run has execution id 999999</p>");
        assertThat(stop.status()).isEqualTo(404);
        assertThat(audit()).containsExactly("scoped-operator stop execution " + other
                + " refused: No snapshot run has execution id " + other);
    }

    @Test
    void startOutsideThePrincipalsCustomersIsRefusedAndAudited() {
        // given
        twoCustomers();
        ConsoleSession scoped = ConsoleSession.signedIn(port, "scoped-operator", PASSWORD);

        // when
        ConsoleSession.Page portfolioRun = scoped.post("/runs", Map.of("scope", "portfolio"));
        ConsoleSession.Page otherAccount = scoped.post("/runs", Map.of("scope", "account", "accountId", "5"));
        ConsoleSession.Page otherCustomer = scoped.post("/runs", Map.of("scope", "customer", "customerId", "200"));

        // then
        assertThat(portfolioRun.status()).isEqualTo(403);
        assertThat(portfolioRun.body()).contains(
                "<p class=\"refusal\" role=\"alert\">Refused: a full-portfolio run needs a principal of every customer</p>");
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.body()).contains(
                "Refused: account 5 is not an account of the principal&#39;s customers");
        assertThat(otherCustomer.status()).isEqualTo(403);
        assertThat(otherCustomer.body()).contains("Refused: customer 200 is not one of the principal&#39;s customers");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
        assertThat(audit()).containsExactly(
                "scoped-operator start portfolio refused: a full-portfolio run needs a principal of every customer",
                "scoped-operator start account 5 refused: account 5 is not an account of the principal's customers",
                "scoped-operator start customer 200 refused: customer 200 is not one of the principal's customers");
    }

    @Test
    void badValuesAreNamedNextToTheirFields() {
        ConsoleSession operator = ConsoleSession.signedIn(port, "operator", PASSWORD);

        ConsoleSession.Page noAccount = operator.post("/runs", Map.of("scope", "account", "accountId", " "));
        ConsoleSession.Page badAccount = operator.post("/runs", Map.of("scope", "account", "accountId", "1.5"));
        ConsoleSession.Page future = operator.post("/runs", Map.of("scope", "portfolio",
                "asOf", "9999-12-31T00:00:00Z"));
        ConsoleSession.Page badType = operator.post("/runs", Map.of("scope", "portfolio", "snapshotType", "weekly"));

        assertThat(noAccount.status()).isEqualTo(400);
        assertThat(noAccount.body()).contains("<span class=\"error\" id=\"accountId-error\">give the account id</span>");
        assertThat(badAccount.status()).isEqualTo(400);
        assertThat(badAccount.body()).contains(
                "<span class=\"error\" id=\"accountId-error\">&#39;1.5&#39; is not a positive whole number</span>");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("<span class=\"error\" id=\"asOf-error\">");
        assertThat(future.body()).contains("9999-12-31T00:00:00Z");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("<span class=\"error\" id=\"snapshotType-error\">&#39;weekly&#39; is not "
                + "one of manual, scheduled, event_driven, post_upload, post_health_calc</span>");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }

    @Test
    void overlappingStartIsRefusedWithTheRunItOverlaps() throws Exception {
        // given
        twoCustomers();
        held.holdAfterWriting(1);
        SnapshotRuns.Run going = runs.start(runs.request(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")));
        held.awaitHeld();
        ConsoleSession operator = ConsoleSession.signedIn(port, "operator", PASSWORD);

        // when
        ConsoleSession.Page page = operator.post("/runs", Map.of("scope", "account", "accountId", "2",
                "asOf", "2026-11-28T00:00:00Z"));

        // then
        assertThat(page.status()).isEqualTo(409);
        assertThat(page.body()).contains("<p class=\"refusal\" role=\"alert\">Refused: Execution " + going.id()
                + " is running on an overlapping scope; account 2 was not started</p>");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(1);
    }

    @Test
    void recoverIsRefusedWithTheReasonWhileTheRunsLeaseIsAlive() throws Exception {
        // given: a run marked running whose lease another process renews
        twoCustomers();
        long executionId = runs.run(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")).getId();
        jdbc.update("UPDATE batch_job_execution SET status = 'STARTED', end_time = NULL WHERE job_execution_id = ?",
                executionId);
        jdbc.update("""
                UPDATE snapshot_run_leases SET owner_host = 'other-host', owner_pid = 4242, owner_instance = 'cafe0001',
                       renewed_at = now(), released_at = NULL
                WHERE job_execution_id = ? AND step_execution_id IS NULL""", executionId);
        ConsoleSession operator = ConsoleSession.signedIn(port, "operator", PASSWORD);

        // when
        ConsoleSession.Page answer = operator.post("/runs/" + executionId + "/recover", Map.of());
        ConsoleSession.Page page = operator.get("/runs/" + executionId);

        // then
        assertThat(answer.status()).isEqualTo(302);
        assertThat(page.body()).containsPattern("<p class=\"refusal\" role=\"alert\">Refused: Execution " + executionId
                + " is alive: its lease is held by host other-host pid 4242 \\(instance cafe0001\\), last heartbeat "
                + "\\d+ s ago; use --force if you know it is not running</p>");
        assertThat(page.body()).contains("<span id=\"run-status\" class=\"status status-STARTED\">STARTED</span>");
        assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?",
                String.class, executionId)).isEqualTo("STARTED");
    }

    @Test
    void actionWithoutCsrfTokenIsRefusedAndStartsNothing() {
        twoCustomers();
        ConsoleSession operator = ConsoleSession.signedIn(port, "operator", PASSWORD);

        ConsoleSession.Page forged = operator.postWithoutToken("/runs", Map.of("scope", "account", "accountId", "1"));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }

    @Test
    void viewerMayReadButNotAct() throws Exception {
        twoCustomers();
        long executionId = runs.run(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")).getId();
        ConsoleSession viewer = ConsoleSession.signedIn(port, "viewer", PASSWORD);

        ConsoleSession.Page page = viewer.get("/runs/" + executionId);
        ConsoleSession.Page start = viewer.post("/runs", Map.of("scope", "account", "accountId", "1"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("class=\"actions\"");
        assertThat(start.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isEqualTo(1);
    }

    private void twoCustomers() {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(2, 100, "Account 2", "200.00", "active", null);
        portfolio.account(5, 200, "Account 5", "500.00", "active", null);
    }

    /** The console users' rows of the audit log, oldest first (the test's own runs are the OS user's, user@host). */
    private List<String> audit() {
        return jdbc.queryForList("""
                SELECT principal || ' ' || action || ' ' || target || ' ' || outcome FROM operator_audit
                WHERE principal NOT LIKE '%@%' ORDER BY audit_id""", String.class);
    }
}
