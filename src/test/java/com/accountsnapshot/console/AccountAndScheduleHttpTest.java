package com.accountsnapshot.console;

import java.util.List;
import java.util.Map;

import com.accountsnapshot.ConsoleSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Account, Events and Schedule pages over HTTP, as a browser meets them: another customer's account is
 * answered as one that does not exist (404), so are its snapshots; the schedule is not paused by a principal of
 * some customers, nor without a CSRF token.
 */
class AccountAndScheduleHttpTest extends ConsoleTest {

    @Test
    void anotherCustomersAccountAndSnapshotsAreNotFoundForACustomerScopedUser() throws Exception {
        // given
        portfolio.account(1, 100, "Acme", "10.00", "active", null)
                .account(5, 200, "Acme Rival", "10.00", "active", null);
        runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));
        long own = snapshotOf(1);
        long other = snapshotOf(5);
        ConsoleSession scoped = ConsoleSession.signedIn(port, "scoped-viewer", PASSWORD);

        // when
        ConsoleSession.Page account = scoped.get("/accounts/5");
        ConsoleSession.Page compare = scoped.get("/accounts/5/compare?left=" + other + "&right=" + other);
        ConsoleSession.Page foreignSnapshot = scoped.get("/accounts/1/compare?left=" + own + "&right=" + other);
        ConsoleSession.Page malformed = scoped.get("/accounts/abc");
        ConsoleSession.Page search = scoped.get("/accounts?q=acme");
        ConsoleSession.Page ownAccount = scoped.get("/accounts/1");

        // then
        assertThat(account.status()).isEqualTo(404);
        assertThat(account.body()).contains("<p id=\"not-found\">No account has id 5</p>").doesNotContain("Acme Rival");
        assertThat(compare.status()).isEqualTo(404);
        assertThat(foreignSnapshot.status()).isEqualTo(404);
        assertThat(foreignSnapshot.body()).contains("<p id=\"not-found\">Account 1 has no snapshot " + other + "</p>");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.body()).contains("data-account-id=\"1\"").doesNotContain("data-account-id=\"5\"");
        assertThat(ownAccount.status()).isEqualTo(200);
        assertThat(ownAccount.body()).contains("<span id=\"account-name\">Acme</span>");
    }

    @Test
    void customerScopedOperatorMayNotPauseTheScheduleAndNoActionGoesWithoutACsrfToken() {
        // given
        ConsoleSession scoped = ConsoleSession.signedIn(port, "scoped-operator", PASSWORD);
        ConsoleSession operator = ConsoleSession.signedIn(port, "operator", PASSWORD);

        // when
        ConsoleSession.Page pause = scoped.post("/schedule/account-snapshot/daily-portfolio-snapshot/pause", Map.of());
        ConsoleSession.Page shown = scoped.get("/schedule");
        ConsoleSession.Page withoutToken = operator.postWithoutToken(
                "/schedule/account-snapshot/daily-portfolio-snapshot/pause", Map.of());
        ConsoleSession.Page replayWithoutToken = operator.postWithoutToken("/events/dlq/replay", Map.of());

        // then
        assertThat(pause.status()).isEqualTo(302);
        assertThat(shown.body()).contains("<p class=\"refusal\" role=\"alert\">Refused: the schedule snapshots every "
                + "customer&#39;s accounts: a principal of every customer pauses and resumes it</p>");
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(replayWithoutToken.status()).isEqualTo(403);
        assertThat(jdbc.queryForList("SELECT principal || ' ' || action || ' ' || target || ' ' || outcome "
                + "FROM operator_audit ORDER BY audit_id", String.class)).containsExactly(
                "scoped-operator pause trigger trigger account-snapshot.daily-portfolio-snapshot refused: the schedule "
                        + "snapshots every customer's accounts: a principal of every customer pauses and resumes it");
    }

    private long snapshotOf(long accountId) {
        List<Long> ids = jdbc.queryForList("SELECT snapshot_id FROM account_snapshots WHERE account_id = ?", Long.class,
                accountId);
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }
}
