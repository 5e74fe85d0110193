package com.accountsnapshot.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.TriggerKey;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Operators pause and resume the schedule's trigger in the shared job store: every change and every refusal is
 * audited, and a pause outlives a restart, which registers the configured trigger again.
 */
class ScheduleTriggersTest extends ScheduleTestSupport {

    private static final TriggerKey DAILY = TriggerKey.triggerKey("daily-portfolio-snapshot", "account-snapshot");

    @BeforeEach
    void actAsAnOperatorOfEveryCustomer() {
        actAs("CUSTOMERS_ALL");
    }

    @AfterEach
    void forgetThePrincipal() {
        SecurityContextHolder.clearContext();
    }

    private static void actAs(String customers) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "operator", null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"),
                        new SimpleGrantedAuthority(customers))));
    }

    @Test
    void listsTheConfiguredTriggerWithItsCronZoneAndNextFiveFires() throws Exception {
        ScheduleInstance instance = start("node-a", "--account-snapshot.schedule.cron=0 0 2 1 1 ? 2098-2110",
                "--account-snapshot.schedule.time-zone=Europe/Berlin");

        List<ScheduleTriggers.TriggerView> triggers = triggers(instance).list();

        assertThat(triggers).containsExactly(new ScheduleTriggers.TriggerView("account-snapshot",
                "daily-portfolio-snapshot", "Scheduled account snapshots", "0 0 2 1 1 ? 2098-2110",
                ZoneId.of("Europe/Berlin"), "NORMAL", null, List.of(Instant.parse("2098-01-01T01:00:00Z"),
                        Instant.parse("2099-01-01T01:00:00Z"), Instant.parse("2100-01-01T01:00:00Z"),
                        Instant.parse("2101-01-01T01:00:00Z"), Instant.parse("2102-01-01T01:00:00Z"))));
    }

    @Test
    void pauseAndResumeAreAuditedAndRefusedWhenAlreadyInThatState() throws Exception {
        jdbc.update("DELETE FROM operator_audit");
        ScheduleInstance instance = start("node-a", QUIET_CRON);
        ScheduleTriggers triggers = triggers(instance);

        ScheduleTriggers.TriggerView paused = triggers.pause(DAILY);
        assertThat(paused.state()).isEqualTo("PAUSED");
        assertThat(paused.nextFires()).isEmpty();
        assertThatThrownBy(() -> triggers.pause(DAILY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the trigger account-snapshot.daily-portfolio-snapshot is paused already");
        ScheduleTriggers.TriggerView resumed = triggers.resume(DAILY);
        assertThat(resumed.state()).isEqualTo("NORMAL");
        assertThat(resumed.nextFires()).containsExactly(Instant.parse("2099-01-01T00:00:00Z"));
        assertThatThrownBy(() -> triggers.resume(TriggerKey.triggerKey("nope", "account-snapshot")))
                .isInstanceOf(IllegalStateException.class).hasMessage("there is no trigger account-snapshot.nope");

        assertThat(jdbc.queryForList("SELECT action || ' | ' || target || ' | ' || outcome FROM operator_audit "
                + "ORDER BY audit_id", String.class)).containsExactly(
                "pause trigger | trigger account-snapshot.daily-portfolio-snapshot | accepted",
                "pause trigger | trigger account-snapshot.daily-portfolio-snapshot | refused: the trigger "
                        + "account-snapshot.daily-portfolio-snapshot is paused already",
                "resume trigger | trigger account-snapshot.daily-portfolio-snapshot | accepted",
                "resume trigger | trigger account-snapshot.nope | refused: there is no trigger account-snapshot.nope");
    }

    @Test
    void principalOfSomeCustomersMayNotPauseTheWholePortfoliosSchedule() throws Exception {
        jdbc.update("DELETE FROM operator_audit");
        ScheduleInstance instance = start("node-a", QUIET_CRON);
        actAs("CUSTOMER_100");

        assertThatThrownBy(() -> triggers(instance).pause(DAILY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the schedule snapshots every customer's accounts: a principal of every customer "
                        + "pauses and resumes it");

        assertThat(triggers(instance).find(DAILY).orElseThrow().state()).isEqualTo("NORMAL");
        assertThat(jdbc.queryForList("SELECT principal || ' | ' || action || ' | ' || outcome FROM operator_audit",
                String.class)).containsExactly("operator | pause trigger | refused: the schedule snapshots every "
                        + "customer's accounts: a principal of every customer pauses and resumes it");
    }

    @Test
    void pausedTriggerStaysPausedWhenAnInstanceStartsAgain() throws Exception {
        ScheduleInstance first = start("node-a", QUIET_CRON);
        triggers(first).pause(DAILY);
        first.close();

        ScheduleInstance second = start("node-b", QUIET_CRON);

        assertThat(triggers(second).find(DAILY).orElseThrow().state()).isEqualTo("PAUSED");
    }

    private static ScheduleTriggers triggers(ScheduleInstance instance) {
        return instance.bean(ScheduleTriggers.class);
    }
}
