package com.accountsnapshot.console;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.accountsnapshot.ConsoleSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the runs list and a run's page show, over HTTP: the filters, the issues' pages and filters, the chart's data. */
class ConsolePagesTest extends ConsoleTest {

    private static final Pattern ROW = Pattern.compile("<tr data-execution=\"(\\d+)\">");

    private static final Pattern ISSUE = Pattern.compile(
            "<tr>\\s*<td>(\\d+)</td>\\s*<td>(warning|skipped)</td>\\s*<td>([a-z_]+)</td>");

    private ConsoleSession viewer;

    private long customerRun;

    private long accountRun;

    private long scheduledRun;

    @BeforeEach
    void threeRuns() throws Exception {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(2, 100, "Account 2", "200.00", "active", null);
        portfolio.account(5, 200, "Account 5", "500.00", "active", null);
        customerRun = runs.run(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")).getId();
        accountRun = runs.run(Map.of("accountId", "5", "asOf", "2026-11-28T00:00:00Z")).getId();
        scheduledRun = runs.run(Map.of("customerId", "200", "asOf", "2026-11-28T00:00:00Z",
                "snapshotType", "scheduled", "triggerEvent", "nightly")).getId();
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED' WHERE job_execution_id = ?", accountRun);
        viewer = ConsoleSession.signedIn(port, "viewer", PASSWORD);
    }

    @Test
    void runsListIsFilteredByStatusTypeTriggerScopeAndDay() {
        assertThat(rows("/runs")).containsExactly(scheduledRun, accountRun, customerRun);
        assertThat(rows("/runs?status=failed")).containsExactly(accountRun);
        assertThat(rows("/runs?type=scheduled")).containsExactly(scheduledRun);
        assertThat(rows("/runs?type=manual&scope=customer")).containsExactly(customerRun);
        assertThat(rows("/runs?trigger=nightly")).containsExactly(scheduledRun);
        assertThat(rows("/runs?scope=account")).containsExactly(accountRun);
        assertThat(rows("/runs?scope=portfolio")).isEmpty();
        assertThat(rows("/runs?from=2000-01-01&to=2099-12-31")).containsExactly(scheduledRun, accountRun, customerRun);
        assertThat(rows("/runs?to=2000-01-01")).isEmpty();
        assertThat(viewer.get("/runs?to=2000-01-01").body()).contains("<p class=\"empty\">No run matches.</p>");
    }

    @Test
    void filterValueThatCannotBeUsedIsNamedNextToItsField() {
        ConsoleSession.Page status = viewer.get("/runs?status=finished");
        ConsoleSession.Page day = viewer.get("/runs?from=28.11.2026");
        ConsoleSession.Page scope = viewer.get("/runs?scope=region");

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.body()).contains("<span class=\"error\">&#39;finished&#39; is not one of [COMPLETED, STARTING, "
                + "STARTED, STOPPING, STOPPED, FAILED, ABANDONED, UNKNOWN]</span>");
        assertThat(day.status()).isEqualTo(400);
        assertThat(day.body()).contains("<span class=\"error\">&#39;28.11.2026&#39; is not a date such as 2026-11-28</span>");
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.body()).contains(
                "<span class=\"error\">&#39;region&#39; is not one of portfolio, customer, account, events</span>");
    }

    @Test
    void runsListIsPagedNewestFirst() throws Exception {
        for (int day = 1; day <= 25; day++) {
            runs.run(Map.of("accountId", "1", "asOf", "2026-10-%02dT00:00:00Z".formatted(day)));
        }

        List<Long> first = rows("/runs");
        List<Long> second = rows("/runs?page=1");

        assertThat(first).hasSize(25).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(second).containsExactly(scheduledRun, accountRun, customerRun);
        assertThat(first.get(24)).isGreaterThan(second.get(0));
        assertThat(rows("/runs?page=1&scope=account")).containsExactly(accountRun);
    }

    @Test
    void issuesArePagedAndFilteredByFieldAndKind() {
        // given: 60 warnings and 2 accounts skipped, recorded for the customer's run
        jdbc.update("""
                INSERT INTO snapshot_run_issues (job_execution_id, account_id, issue_type, field, problem, raw_value)
                SELECT ?, i, 'warning', 'assigned_csm', 'not text', '42' FROM generate_series(1, 60) i""", customerRun);
        jdbc.update("""
                INSERT INTO snapshot_run_issues (job_execution_id, account_id, issue_type, field, problem, raw_value)
                VALUES (?, 71, 'skipped', 'snapshot_timestamp', 'out of order: later snapshot', '2026-12-01T00:00:00Z'),
                       (?, 72, 'skipped', 'snapshot_timestamp', 'out of order: later snapshot', '2026-12-01T00:00:00Z')""",
                customerRun, customerRun);

        // when
        String all = viewer.get("/runs/" + customerRun).body();
        String skipped = viewer.get("/runs/" + customerRun + "?kind=skipped").body();
        String secondPage = viewer.get("/runs/" + customerRun + "?field=assigned_csm&issuesPage=1").body();
        ConsoleSession.Page badKind = viewer.get("/runs/" + customerRun + "?kind=fatal");

        // then
        assertThat(all).contains("<h2 id=\"issues-title\">Issues <small>62</small></h2>");
        assertThat(issues(all)).hasSize(50).startsWith("1 warning assigned_csm").endsWith("50 warning assigned_csm");
        assertThat(issues(skipped)).containsExactly("71 skipped snapshot_timestamp", "72 skipped snapshot_timestamp");
        assertThat(issues(secondPage)).hasSize(10).startsWith("51 warning assigned_csm").endsWith("60 warning assigned_csm");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.body()).contains("<span class=\"error\">&#39;fatal&#39; is not one of warning, skipped</span>");
    }

    @Test
    void runPageShowsStepsParametersAndTheDurationsOfTheLastRunsOfItsType() {
        String page = viewer.get("/runs/" + customerRun).body();

        assertThat(page).containsPattern("<td>accountSnapshotStep</td>\\s*<td>COMPLETED</td>\\s*"
                + "<td class=\"num\">2</td>\\s*<td class=\"num\">2</td>\\s*<td class=\"num\">0</td>\\s*"
                + "<td class=\"num\">0</td>\\s*<td class=\"num\">1</td>\\s*<td class=\"num\">0</td>");
        assertThat(page).contains("<tr><th scope=\"row\">customerId</th><td>100</td></tr>");
        assertThat(page).contains("<tr><th scope=\"row\">asOf</th><td>2026-11-28T00:00:00Z</td></tr>");
        // the manual runs, oldest first; the scheduled one is of another type
        assertThat(attribute(page, "data-labels")).isEqualTo(customerRun + "," + accountRun);
        assertThat(attribute(page, "data-current")).isEqualTo(String.valueOf(customerRun));
        assertThat(page).contains("<span id=\"accounts-done\">2</span> of\n            <span id=\"accounts-total\">2</span>");
    }

    private List<Long> rows(String path) {
        ConsoleSession.Page page = viewer.get(path);
        assertThat(page.status()).as(path).isEqualTo(200);
        Matcher rows = ROW.matcher(page.body());
        List<Long> ids = new java.util.ArrayList<>();
        while (rows.find()) {
            ids.add(Long.valueOf(rows.group(1)));
        }
        return ids;
    }

    private static List<String> issues(String body) {
        Matcher rows = ISSUE.matcher(body);
        List<String> found = new java.util.ArrayList<>();
        while (rows.find()) {
            found.add(rows.group(1) + " " + rows.group(2) + " " + rows.group(3));
        }
        return found;
    }

    private static String attribute(String body, String name) {
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body);
        assertThat(value.find()).as(name).isTrue();
        return value.group(1);
    }
}
