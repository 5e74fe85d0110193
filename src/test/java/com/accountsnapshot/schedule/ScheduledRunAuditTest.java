package com.accountsnapshot.schedule;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quartz.TriggerBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run the schedule starts is audited with the schedule's trigger as its principal. */
class ScheduledRunAuditTest extends ScheduleTestSupport {

    @Test
    void scheduledRunIsAuditedAsTheSchedulesTrigger() throws Exception {
        jdbc.update("DELETE FROM operator_audit");
        ScheduleInstance instance = start("node-a", QUIET_CRON);
        instance.schedule().start();

        instance.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity("nightly-audit", "test").startNow().build());
        await().atMost(Duration.ofSeconds(60)).until(() -> instance.fires().size() == 1);

        long execution = executions().get(0).getId();
        List<String> rows = jdbc.queryForList("SELECT principal || ' | ' || action || ' | ' || target || ' | ' || "
                + "outcome || ' | ' || coalesce(remote_address, '-') FROM operator_audit", String.class);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).startsWith("schedule:nightly-audit | start | execution " + execution + ": portfolio as of ")
                .endsWith(" (scheduled) | accepted | -");
    }
}
