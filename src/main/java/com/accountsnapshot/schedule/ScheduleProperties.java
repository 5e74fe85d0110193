package com.accountsnapshot.schedule;

import java.time.ZoneId;

import org.quartz.CronExpression;
import org.quartz.TriggerKey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The snapshot schedule ({@code account-snapshot.schedule.*}, docs/operations.md#commands).
 *
 * @param cron when scheduled runs fire: a Quartz cron expression (seconds first), daily 02:00 by default
 * @param timeZone the time zone the cron expression is read in
 * @param triggerName the trigger's name, also every scheduled snapshot's {@code trigger_event}
 * @param enabled false: no scheduled runs; the trigger is taken out of the job store at start-up
 */
@ConfigurationProperties("account-snapshot.schedule")
public record ScheduleProperties(
        @DefaultValue("0 0 2 * * ?") String cron,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("daily-portfolio-snapshot") String triggerName,
        @DefaultValue("true") boolean enabled) {

    /** The group of the snapshot job and its trigger in the Quartz job store. */
    public static final String GROUP = "account-snapshot";

    /** The longest trigger name: it becomes the runs' triggerEvent parameter (docs/operations.md#run-parameters). */
    static final int TRIGGER_NAME_MAX_LENGTH = 100;

    public ScheduleProperties {
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("account-snapshot.schedule.cron '" + cron
                    + "' is not a Quartz cron expression such as '0 0 2 * * ?' (seconds minutes hours day month weekday)");
        }
        if (triggerName.isBlank() || triggerName.length() > TRIGGER_NAME_MAX_LENGTH) {
            throw new IllegalArgumentException("account-snapshot.schedule.trigger-name must be 1 to "
                    + TRIGGER_NAME_MAX_LENGTH + " characters long (it becomes the runs' triggerEvent)");
        }
    }

    public TriggerKey triggerKey() {
        return TriggerKey.triggerKey(triggerName, GROUP);
    }
}
