package com.accountsnapshot.console;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Schedule and Events pages in a real browser: an operator pauses and resumes the schedule's trigger (with a
 * confirmation, audited), a viewer has no such buttons; a customer-scoped user sees only their customers' events.
 */
class ScheduleAndEventsBrowserTest extends BrowserTest {

    private static final TriggerKey DAILY = TriggerKey.triggerKey("daily-portfolio-snapshot", "account-snapshot");

    @Autowired
    Scheduler scheduler;

    @Autowired
    JobDetail scheduledSnapshotJobDetail;

    @Autowired
    CronTrigger snapshotScheduleTrigger;

    /** The configured trigger, as start-up registers it, not paused (other tests empty the job store). */
    @BeforeEach
    void configuredTriggerInTheJobStore() throws Exception {
        scheduler.scheduleJob(scheduledSnapshotJobDetail, Set.of(snapshotScheduleTrigger), true);
        jdbc.update("DELETE FROM operator_audit");
        jdbc.update("DELETE FROM snapshot_events");
    }

    @Test
    void operatorPausesAndResumesTheScheduleWithAConfirmation() throws Exception {
        // given
        signIn("operator");
        open("/schedule");
        WebElement row = find(By.id("trigger-daily-portfolio-snapshot"));
        assertThat(row.findElement(By.cssSelector(".cron")).getText()).isEqualTo("0 0 2 * * ?");
        assertThat(row.findElement(By.cssSelector(".zone")).getText()).isEqualTo("UTC");
        assertThat(row.findElement(By.cssSelector(".state")).getText()).isEqualTo("NORMAL");
        assertThat(row.findElements(By.cssSelector(".next-fires li"))).hasSize(5);
        screenshot("schedule");

        // when
        find(By.cssSelector("#trigger-daily-portfolio-snapshot button.pause")).click();
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));

        // then
        assertThat(find(By.cssSelector(".notice")).getText())
                .isEqualTo("Trigger account-snapshot.daily-portfolio-snapshot paused");
        assertThat(find(By.cssSelector("#trigger-daily-portfolio-snapshot .state")).getText()).isEqualTo("PAUSED");
        assertThat(scheduler.getTriggerState(DAILY)).isEqualTo(Trigger.TriggerState.PAUSED);

        // when
        find(By.cssSelector("#trigger-daily-portfolio-snapshot button.resume")).click();
        waitFor(ExpectedConditions.alertIsPresent()).accept();
        waitFor(ExpectedConditions.textToBe(By.cssSelector(".notice"),
                "Trigger account-snapshot.daily-portfolio-snapshot resumed"));

        // then
        assertThat(find(By.cssSelector("#trigger-daily-portfolio-snapshot .state")).getText()).isEqualTo("NORMAL");
        assertThat(scheduler.getTriggerState(DAILY)).isEqualTo(Trigger.TriggerState.NORMAL);
        assertThat(jdbc.queryForList("SELECT principal || ' | ' || action || ' | ' || target || ' | ' || outcome "
                + "FROM operator_audit ORDER BY audit_id", String.class)).containsExactly(
                "operator | pause trigger | trigger account-snapshot.daily-portfolio-snapshot | accepted",
                "operator | resume trigger | trigger account-snapshot.daily-portfolio-snapshot | accepted");
    }

    @Test
    void dismissingTheConfirmationPausesNothingAndAViewerHasNoButtons() throws Exception {
        signIn("operator");
        open("/schedule");
        find(By.cssSelector("#trigger-daily-portfolio-snapshot button.pause")).click();
        waitFor(ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(scheduler.getTriggerState(DAILY)).isEqualTo(Trigger.TriggerState.NORMAL);

        browser().manage().deleteAllCookies();
        signIn("viewer");
        open("/schedule");

        assertThat(find(By.cssSelector("#trigger-daily-portfolio-snapshot .state")).getText()).isEqualTo("NORMAL");
        assertThat(browser().findElements(By.cssSelector("#triggers button"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_audit", Long.class)).isZero();
    }

    @Test
    void customerScopedUserSeesOnlyTheirCustomersEventsAndNoBatchesNorDeadLetters() {
        // given
        event("evt-100-a", 100, 1, "pending");
        event("evt-100-b", 100, 2, "rejected");
        event("evt-200-a", 200, 5, "pending");
        event("evt-200-b", 200, 5, "done");

        // when
        signIn("scoped-viewer");
        open("/events");
        List<String> scoped = eventIds();
        List<String> scopedCounts = counts();
        boolean scopedBatches = present(By.id("batches"));
        boolean scopedDeadLetters = present(By.id("dead-letters"));
        browser().manage().deleteAllCookies();
        signIn("operator");
        open("/events");

        // then
        assertThat(scoped).containsExactlyInAnyOrder("evt-100-a", "evt-100-b");
        assertThat(scopedCounts).containsExactly("ACCOUNT_DATA_CHANGED: 1 0 0 1");
        assertThat(scopedBatches).isFalse();
        assertThat(scopedDeadLetters).isFalse();
        assertThat(eventIds()).containsExactlyInAnyOrder("evt-100-a", "evt-100-b", "evt-200-a", "evt-200-b");
        assertThat(counts()).containsExactly("ACCOUNT_DATA_CHANGED: 2 0 1 1");
        assertThat(find(By.id("dead-letters")).getText()).isEqualTo("Events are not consumed from RabbitMQ in this "
                + "instance (account-snapshot.events.amqp.enabled): no dead-letter queue to show.");
        screenshot("events");
    }

    private void event(String id, long customerId, long accountId, String status) {
        jdbc.update("""
                INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at, source, status)
                VALUES (?, 'ACCOUNT_DATA_CHANGED', ?, ?, TIMESTAMPTZ '2026-11-28 00:00:00Z', 'http', ?)""",
                id, customerId, accountId, status);
    }

    private List<String> eventIds() {
        return browser().findElements(By.cssSelector("#events tr.event")).stream()
                .map(row -> row.getAttribute("data-event-id")).toList();
    }

    private List<String> counts() {
        return browser().findElements(By.cssSelector("#counts tbody tr[data-type]")).stream()
                .map(row -> row.getAttribute("data-type") + ": " + String.join(" ",
                        row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList()))
                .toList();
    }
}
