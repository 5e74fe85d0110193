package com.accountsnapshot.console;

import java.util.List;
import java.util.Map;

import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: signing in, the runs list, starting a run from the form and watching it
 * finish, stopping a long run and restarting it, and what a VIEWER and a customer-scoped user see. Each page
 * is saved as a screenshot.
 */
class ConsoleBrowserTest extends BrowserTest {

    @Test
    void anonymousVisitorIsSentToTheLoginPageAndLandsOnTheRunsListAfterSigningIn() {
        // given
        open("/runs");
        assertThat(path()).isEqualTo("/login");
        screenshot("login");

        // when
        signIn("viewer");

        // then
        assertThat(path()).isEqualTo("/runs");
        assertThat(find(By.id("principal")).getText()).isEqualTo("viewer");
        List<String> navigation = browser().findElements(By.cssSelector("header nav a")).stream()
                .map(WebElement::getText).toList();
        assertThat(navigation).containsExactly("Runs", "Start a run", "Schedule", "Events", "Accounts");
    }

    @Test
    void wrongPasswordIsRefusedOnTheLoginPage() {
        open("/login");
        find(By.id("username")).sendKeys("viewer");
        find(By.id("password")).sendKeys("not-the-password");
        clickThrough(By.id("sign-in"));

        assertThat(path()).isEqualTo("/login");
        assertThat(find(By.cssSelector(".refusal")).getText()).isEqualTo("Wrong user name or password.");
    }

    @Test
    void runsListShowsTheRunsOfTheDatabaseNewestFirst() throws Exception {
        // given
        twoCustomers();
        long customerRun = runs.run(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")).getId();
        long accountRun = runs.run(Map.of("accountId", "5", "asOf", "2026-11-28T00:00:00Z")).getId();

        // when
        signIn("viewer");

        // then
        assertThat(rows()).containsExactly(
                accountRun + " COMPLETED manual account 5 2026-11-28T00:00:00Z 1 1 0 0",
                customerRun + " COMPLETED manual customer 100 2026-11-28T00:00:00Z 2 2 0 0");
        screenshot("runs");
    }

    @Test
    void runStartedFromTheFormIsWatchedUntilItCompletes() {
        // given
        twoCustomers();
        signIn("operator");
        clickThrough(By.linkText("Start a run"));
        screenshot("start-a-run");

        // when
        find(By.id("scope-account")).click();
        find(By.id("accountId")).sendKeys("1");
        find(By.id("asOf")).sendKeys("2026-11-28T00:00:00Z");
        find(By.id("reason")).sendKeys("checked from the console");
        clickThrough(By.id("start"));

        // then
        waitFor(ExpectedConditions.textToBe(By.id("run-status"), "COMPLETED"));
        long executionId = Long.parseLong(find(By.id("execution-id")).getText());
        assertThat(path()).isEqualTo("/runs/" + executionId);
        assertThat(find(By.id("accounts-done")).getText()).isEqualTo("1");
        assertThat(find(By.id("accounts-total")).getText()).isEqualTo("1");
        assertThat(find(By.id("snapshots-stored")).getText()).isEqualTo("1");
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots WHERE job_execution_id = ?",
                Long.class, executionId)).containsExactly(1L);
        assertThat(jdbc.queryForObject("SELECT snapshot_reason FROM account_snapshots WHERE job_execution_id = ?",
                String.class, executionId)).isEqualTo("checked from the console");
        screenshot("run-detail");
    }

    @Test
    void badValueIsNamedNextToItsFieldAndNothingStarts() {
        twoCustomers();
        signIn("operator");
        open("/runs/new");

        find(By.id("scope-account")).click();
        find(By.id("accountId")).sendKeys("1");
        find(By.id("asOf")).sendKeys("yesterday");
        clickThrough(By.id("start"));

        assertThat(find(By.id("asOf-error")).getText())
                .isEqualTo("'yesterday' is not an ISO-8601 instant such as 2026-11-28T02:00:00Z");
        assertThat(find(By.id("asOf")).getAttribute("value")).isEqualTo("yesterday");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
    }

    @Test
    void longRunIsStoppedAndRestartedFromItsPage() throws Exception {
        // given: six accounts in chunks of two, the run held in its second chunk
        for (long id = 1; id <= 6; id++) {
            portfolio.account(id, 100, "Account " + id, "100.00", "active", null);
        }
        held.holdAfterWriting(3);
        SnapshotRuns.Run run = runs.start(runs.request(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")));
        held.awaitHeld();
        signIn("operator");
        open("/runs/" + run.id());
        assertThat(find(By.id("run-status")).getText()).isEqualTo("STARTED");
        screenshot("run-detail-running");

        // when: stopped, confirmed, and the held chunk let go
        find(By.id("stop")).click();
        browser().switchTo().alert().accept();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
        assertThat(find(By.cssSelector(".notice")).getText())
                .isEqualTo("Execution " + run.id() + " was asked to stop after its current chunk");
        held.release();

        // then
        waitFor(ExpectedConditions.textToBe(By.id("run-status"), "STOPPED"));
        find(By.id("restart")).click();
        browser().switchTo().alert().accept();
        waitFor(ExpectedConditions.textToBe(By.id("run-status"), "COMPLETED"));
        long restarted = Long.parseLong(find(By.id("execution-id")).getText());
        assertThat(restarted).isNotEqualTo(run.id());
        assertThat(jdbc.queryForList("""
                SELECT job_execution_id, count(*) FROM account_snapshots GROUP BY job_execution_id
                ORDER BY job_execution_id""").stream().map(row -> row.get("job_execution_id") + ":" + row.get("count"))
                .toList()).containsExactly(run.id() + ":4", restarted + ":2");
    }

    @Test
    void viewerSeesNoActionButtonsWhereAnOperatorDoes() throws Exception {
        // given: a run that is going
        for (long id = 1; id <= 4; id++) {
            portfolio.account(id, 100, "Account " + id, "100.00", "active", null);
        }
        held.holdAfterWriting(1);
        SnapshotRuns.Run run = runs.start(runs.request(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")));
        held.awaitHeld();

        // when
        signIn("viewer");
        open("/runs/" + run.id());

        // then
        assertThat(find(By.id("run-status")).getText()).isEqualTo("STARTED");
        assertThat(browser().findElements(By.cssSelector("form[method=post] button")).stream()
                .map(WebElement::getText).toList()).containsExactly("Sign out");
        screenshot("run-detail-viewer");

        browser().manage().deleteAllCookies();
        signIn("operator");
        open("/runs/" + run.id());
        assertThat(browser().findElements(By.cssSelector(".actions button")).stream()
                .map(WebElement::getText).toList()).containsExactly("Stop", "Recover");
    }

    @Test
    void customerScopedUserSeesNoRunOfAnotherCustomer() throws Exception {
        // given
        twoCustomers();
        long own = runs.run(Map.of("customerId", "100", "asOf", "2026-11-28T00:00:00Z")).getId();
        long other = runs.run(Map.of("accountId", "5", "asOf", "2026-11-28T00:00:00Z")).getId();
        long portfolioRun = runs.run(Map.of("asOf", "2026-11-29T00:00:00Z")).getId();

        // when
        signIn("scoped-viewer");

        // then
        assertThat(rows()).containsExactly(own + " COMPLETED manual customer 100 2026-11-28T00:00:00Z 2 2 0 0");
        open("/runs/" + other);
        assertThat(find(By.id("not-found")).getText()).isEqualTo("No snapshot run has execution id " + other);
        open("/runs/" + portfolioRun);
        assertThat(find(By.id("not-found")).getText()).isEqualTo("No snapshot run has execution id " + portfolioRun);
    }

    /** Accounts 1 and 2 of customer 100, account 5 of customer 200. */
    private void twoCustomers() {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(2, 100, "Account 2", "200.00", "active", null);
        portfolio.account(5, 200, "Account 5", "500.00", "active", null);
    }

    /** The runs list's rows: execution, status, type, scope, as-of and the counts read, written, filtered, skipped. */
    private List<String> rows() {
        return browser().findElements(By.cssSelector("#runs tbody tr")).stream().map(row -> {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            return String.join(" ", cells.get(0).getText(), cells.get(1).getText(), cells.get(2).getText(),
                    cells.get(3).getText(), cells.get(4).getText(), cells.get(7).getText(), cells.get(8).getText(),
                    cells.get(9).getText(), cells.get(10).getText());
        }).toList();
    }
}
