package com.accountsnapshot.schedule;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.accountsnapshot.AccountSnapshotApplication;
import org.jspecify.annotations.Nullable;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.KeyMatcher;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One instance of the product as {@code serve} runs it (without the web server): a whole application context
 * of its own, whose Quartz scheduler joins the cluster over the test database under its own instance id.
 * Every fire of the snapshot job on this instance is recorded, with the exception it ended with, if any.
 *
 * <p>Several instances in one JVM share Quartz's static connection-provider registry, keyed by the scheduler
 * name: every instance's scheduler uses the pool of the instance started last (the same database). Close
 * instances in the order they were started, so that pool is the last to go.
 */
final class ScheduleInstance implements AutoCloseable {

    private final String instanceId;

    private final ConfigurableApplicationContext context;

    private final List<Fire> fires = new CopyOnWriteArrayList<>();

    /** A fire of the snapshot job on this instance, once it returned. */
    record Fire(String instanceId, String trigger, Date scheduledFireTime, @Nullable JobExecutionException failure) {
    }

    private ScheduleInstance(String instanceId, ConfigurableApplicationContext context) throws SchedulerException {
        this.instanceId = instanceId;
        this.context = context;
        scheduler().getListenerManager().addJobListener(new FireRecorder(),
                KeyMatcher.keyEquals(ScheduleConfiguration.JOB_KEY));
    }

    /** Starts the application (the scheduler stays in standby) with extra {@code --name=value} arguments. */
    static ScheduleInstance start(String instanceId, String... arguments) throws SchedulerException {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.add("--spring.quartz.properties.org.quartz.scheduler.instanceId=" + instanceId);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountSnapshotApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        return new ScheduleInstance(instanceId, context);
    }

    /** Removes every row of the product's scheduler from Quartz's tables (the lock rows stay). */
    static void cleanJobStore(JdbcTemplate jdbc) {
        for (String table : List.of("qrtz_fired_triggers", "qrtz_cron_triggers", "qrtz_simple_triggers",
                "qrtz_simprop_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details",
                "qrtz_paused_trigger_grps", "qrtz_calendars", "qrtz_scheduler_state")) {
            jdbc.update("DELETE FROM " + table + " WHERE sched_name = 'account-snapshot'");
        }
    }

    SnapshotSchedule schedule() {
        return context.getBean(SnapshotSchedule.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    Scheduler scheduler() {
        return context.getBean(Scheduler.class);
    }

    List<Fire> fires() {
        return List.copyOf(fires);
    }

    @Override
    public void close() {
        context.close();
    }

    private final class FireRecorder implements JobListener {

        @Override
        public String getName() {
            return "fire-recorder";
        }

        @Override
        public void jobToBeExecuted(JobExecutionContext context) {
        }

        @Override
        public void jobExecutionVetoed(JobExecutionContext context) {
        }

        @Override
        public void jobWasExecuted(JobExecutionContext context, @Nullable JobExecutionException failure) {
            fires.add(new Fire(instanceId, context.getTrigger().getKey().getName(), context.getScheduledFireTime(),
                    failure));
        }
    }
}
