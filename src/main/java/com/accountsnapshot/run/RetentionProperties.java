package com.accountsnapshot.run;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * Tiered retention of the snapshot history ({@code account-snapshot.retention.*}, README "Retention").
 *
 * @param keepAll every snapshot younger than this is kept
 * @param keepMonthly older than keep-all and younger than this, each account's last snapshot of each calendar
 *        month (UTC) is kept; older still, its last of each calendar quarter
 * @param maxAge when set, nothing older than this is kept (unset: quarterly snapshots are kept for ever)
 * @param enabled {@code serve} applies retention on the cron (off by default)
 * @param cron when {@code serve} applies it (Spring cron, seconds first, in UTC), daily 03:30 by default
 * @param lockTimeout how long a partition's swap waits for the table lock before it gives up until the next time
 */
@ConfigurationProperties("account-snapshot.retention")
public record RetentionProperties(
        @DefaultValue("12m") Period keepAll,
        @DefaultValue("5y") Period keepMonthly,
        @Nullable Period maxAge,
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0 30 3 * * *") String cron,
        @DefaultValue("10s") Duration lockTimeout) {

    private static final LocalDate ANCHOR = LocalDate.of(2000, 1, 1);

    public RetentionProperties {
        if (!ANCHOR.minus(keepAll).isBefore(ANCHOR)) {
            throw new IllegalArgumentException("account-snapshot.retention.keep-all must be positive, not " + keepAll);
        }
        if (ANCHOR.minus(keepMonthly).isAfter(ANCHOR.minus(keepAll))) {
            throw new IllegalArgumentException("account-snapshot.retention.keep-monthly (" + keepMonthly
                    + ") must not be shorter than account-snapshot.retention.keep-all (" + keepAll + ")");
        }
        if (maxAge != null && ANCHOR.minus(maxAge).isAfter(ANCHOR.minus(keepMonthly))) {
            throw new IllegalArgumentException("account-snapshot.retention.max-age (" + maxAge
                    + ") must not be shorter than account-snapshot.retention.keep-monthly (" + keepMonthly + ")");
        }
        if (!CronExpression.isValidExpression(cron)) {
            throw new IllegalArgumentException("account-snapshot.retention.cron '" + cron
                    + "' is not a cron expression such as '0 30 3 * * *' (seconds minutes hours day month weekday)");
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("account-snapshot.retention.lock-timeout must be positive, not "
                    + lockTimeout);
        }
    }
}
