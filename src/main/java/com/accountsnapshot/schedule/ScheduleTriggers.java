package com.accountsnapshot.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.scheduling.SchedulingException;
import org.springframework.stereotype.Component;

/**
 * The triggers of the shared Quartz job store as operators see them, and their pause and resume. Both actions
 * change the job store, so they hold for every instance of the cluster, and both are recorded in the audit log,
 * a refusal (an unknown trigger, one already in the asked state, a principal limited to some customers, whose
 * pause would hold back every customer's snapshots) included.
 */
@Component
public class ScheduleTriggers {

    static final String PAUSE = "pause trigger";

    static final String RESUME = "resume trigger";

    /** How many coming fire times a trigger shows. */
    public static final int NEXT_FIRES = 5;

    private final Scheduler scheduler;

    private final OperatorAudit audit;

    ScheduleTriggers(Scheduler scheduler, OperatorAudit audit) {
        this.scheduler = scheduler;
        this.audit = audit;
    }

    /**
     * A trigger: its key, its cron and time zone (null for a trigger that is not a cron trigger), its state as
     * the job store holds it (NORMAL, PAUSED, BLOCKED while its run goes, ...), its previous fire and its next
     * fires (none while paused).
     */
    public record TriggerView(String group, String name, @Nullable String description, @Nullable String cron,
            @Nullable ZoneId timeZone, String state, @Nullable Instant previousFire, List<Instant> nextFires) {

        public String key() {
            return group + "." + name;
        }

        public boolean paused() {
            return Trigger.TriggerState.PAUSED.name().equals(state);
        }
    }

    /** Every trigger of the job store, by group and name. */
    public List<TriggerView> list() {
        try {
            List<TriggerView> views = new ArrayList<>();
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
                find(key).ifPresent(views::add);
            }
            views.sort(Comparator.comparing(TriggerView::group).thenComparing(TriggerView::name));
            return views;
        }
        catch (SchedulerException ex) {
            throw new SchedulingException("Could not read the schedule's triggers", ex);
        }
    }

    public Optional<TriggerView> find(TriggerKey key) {
        try {
            Trigger trigger = scheduler.getTrigger(key);
            if (trigger == null) {
                return Optional.empty();
            }
            Trigger.TriggerState state = scheduler.getTriggerState(key);
            return Optional.of(view(trigger, state));
        }
        catch (SchedulerException ex) {
            throw new SchedulingException("Could not read the trigger " + key, ex);
        }
    }

    /**
     * Pauses the trigger in the shared job store: no instance fires it until it is resumed.
     *
     * @throws IllegalStateException (audited as refused) when the trigger does not exist or is paused already, or
     *         the principal is limited to some customers
     */
    public TriggerView pause(TriggerKey key) {
        return change(PAUSE, key, true);
    }

    /**
     * Resumes a paused trigger. A fire it missed while paused is handled by its misfire instruction (the snapshot
     * schedule's: one fire at once, as of the latest slot it missed).
     *
     * @throws IllegalStateException (audited as refused) when the trigger does not exist or is not paused, or the
     *         principal is limited to some customers
     */
    public TriggerView resume(TriggerKey key) {
        return change(RESUME, key, false);
    }

    private TriggerView change(String action, TriggerKey key, boolean pause) {
        String target = "trigger " + key;
        if (!CustomerScope.current().unrestricted()) {
            throw refused(action, target, "the schedule snapshots every customer's accounts: "
                    + "a principal of every customer pauses and resumes it");
        }
        Optional<TriggerView> current = find(key);
        if (current.isEmpty()) {
            throw refused(action, target, "there is no trigger " + key);
        }
        if (current.get().paused() == pause) {
            throw refused(action, target, "the trigger " + key + (pause ? " is paused already" : " is not paused"));
        }
        try {
            if (pause) {
                scheduler.pauseTrigger(key);
            }
            else {
                scheduler.resumeTrigger(key);
            }
        }
        catch (SchedulerException ex) {
            audit.refused(action, target, String.valueOf(ex.getMessage()));
            throw new SchedulingException("Could not " + action + " " + key, ex);
        }
        audit.accepted(action, target);
        return find(key).orElseThrow();
    }

    private IllegalStateException refused(String action, String target, String why) {
        audit.refused(action, target, why);
        return new IllegalStateException(why);
    }

    private static TriggerView view(Trigger trigger, Trigger.TriggerState state) {
        String cron = null;
        ZoneId zone = null;
        if (trigger instanceof CronTrigger cronTrigger) {
            cron = cronTrigger.getCronExpression();
            zone = cronTrigger.getTimeZone().toZoneId();
        }
        List<Instant> next = new ArrayList<>();
        if (state != Trigger.TriggerState.PAUSED) {
            Date fire = trigger.getNextFireTime();
            while (fire != null && next.size() < NEXT_FIRES) {
                next.add(fire.toInstant());
                fire = trigger.getFireTimeAfter(fire);
            }
        }
        Date previous = trigger.getPreviousFireTime();
        return new TriggerView(trigger.getKey().getGroup(), trigger.getKey().getName(), trigger.getDescription(),
                cron, zone, state.name(), previous == null ? null : previous.toInstant(), List.copyOf(next));
    }
}
