package com.accountsnapshot.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.accountsnapshot.schedule.ScheduleTriggers;
import com.accountsnapshot.schedule.SnapshotSchedule;
import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;
import org.quartz.TriggerKey;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Schedule page: the job store's triggers with their cron, time zone, state and next fires; pause and resume
 * (OPERATOR of every customer) through {@link ScheduleTriggers}, audited there, with a confirmation.
 */
@Controller
class SchedulePageController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");

    private final ScheduleTriggers triggers;

    private final SnapshotSchedule schedule;

    SchedulePageController(ScheduleTriggers triggers, SnapshotSchedule schedule) {
        this.triggers = triggers;
        this.schedule = schedule;
    }

    /** A trigger as the page shows it: its times in its own time zone. */
    record TriggerRow(ScheduleTriggers.TriggerView trigger, String zone, @Nullable String previousFire,
            List<String> nextFires) {

        static TriggerRow of(ScheduleTriggers.TriggerView trigger) {
            ZoneId zone = trigger.timeZone() == null ? ZoneOffset.UTC : trigger.timeZone();
            return new TriggerRow(trigger, zone.getId(), format(trigger.previousFire(), zone),
                    trigger.nextFires().stream().map(fire -> format(fire, zone)).toList());
        }

        private static @Nullable String format(@Nullable Instant instant, ZoneId zone) {
            return instant == null ? null : TIME.format(instant.atZone(zone));
        }
    }

    @GetMapping("/schedule")
    String schedule(Model model) {
        model.addAttribute("triggers", triggers.list().stream().map(TriggerRow::of).toList());
        model.addAttribute("firing", schedule.isStarted());
        model.addAttribute("mayChange", CustomerScope.current().unrestricted());
        return "schedule";
    }

    @PostMapping("/schedule/{group}/{name}/pause")
    String pause(@PathVariable String group, @PathVariable String name, RedirectAttributes redirect) {
        return change(redirect, () -> triggers.pause(TriggerKey.triggerKey(name, group)), "paused");
    }

    @PostMapping("/schedule/{group}/{name}/resume")
    String resume(@PathVariable String group, @PathVariable String name, RedirectAttributes redirect) {
        return change(redirect, () -> triggers.resume(TriggerKey.triggerKey(name, group)), "resumed");
    }

    private interface Change {
        ScheduleTriggers.TriggerView apply();
    }

    private static String change(RedirectAttributes redirect, Change change, String done) {
        try {
            ScheduleTriggers.TriggerView trigger = change.apply();
            redirect.addFlashAttribute("notice", "Trigger " + trigger.key() + " " + done);
        }
        catch (IllegalStateException ex) {
            redirect.addFlashAttribute("refusal", "Refused: " + ex.getMessage());
        }
        return "redirect:/schedule";
    }
}
