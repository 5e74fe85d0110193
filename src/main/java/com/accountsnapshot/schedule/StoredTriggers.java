package com.accountsnapshot.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.TriggerKey;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the cron trigger the Quartz JDBC job store holds, before the scheduler exists (Quartz's tables are
 * created by Flyway with their default {@code qrtz_} prefix).
 */
class StoredTriggers {

    private static final String CRON_TRIGGER = """
            SELECT t.next_fire_time, c.cron_expression, c.time_zone_id
            FROM qrtz_triggers t
            JOIN qrtz_cron_triggers c ON c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name
                                     AND c.trigger_group = t.trigger_group
            WHERE t.sched_name = ? AND t.trigger_name = ? AND t.trigger_group = ?""";

    private final JdbcTemplate jdbc;

    private final String schedulerName;

    StoredTriggers(JdbcTemplate jdbc, String schedulerName) {
        this.jdbc = jdbc;
        this.schedulerName = schedulerName;
    }

    /** Whether the stored trigger is paused (false when there is none). */
    boolean isPaused(TriggerKey key) {
        return jdbc.queryForList("""
                SELECT trigger_state FROM qrtz_triggers WHERE sched_name = ? AND trigger_name = ? AND trigger_group = ?""",
                String.class, schedulerName, key.getName(), key.getGroup()).contains("PAUSED");
    }

    /**
     * The next fire time of the stored trigger when it has the same cron expression and time zone, even one
     * long past (a fire missed while no scheduler ran); empty when there is none or its schedule differs.
     */
    Optional<Instant> pendingFireTime(TriggerKey key, String cron, ZoneId zone) {
        String zoneId = TimeZone.getTimeZone(zone).getID();
        return jdbc.query(CRON_TRIGGER, (rs, n) -> new Stored(rs.getLong("next_fire_time"),
                        rs.getString("cron_expression"), rs.getString("time_zone_id")),
                        schedulerName, key.getName(), key.getGroup())
                .stream()
                .filter(stored -> cron.equals(stored.cron()) && zoneId.equals(stored.zoneId()) && stored.next() > 0)
                .map(stored -> Instant.ofEpochMilli(stored.next()))
                .findFirst();
    }

    private record Stored(long next, String cron, String zoneId) {
    }
}
