package com.accountsnapshot.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import com.accountsnapshot.events.EventProcessing;
import com.accountsnapshot.job.SnapshotMonths;
import com.accountsnapshot.run.DeadRunRecovery;
import com.accountsnapshot.run.RetentionSchedule;
import com.accountsnapshot.schedule.SnapshotSchedule;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code serve}: the HTTP API (the web server starts with the application for this command only), the
 * Quartz schedule, event-driven snapshots and, when enabled, the daily retention, until the process is
 * stopped; SIGTERM closes the application, which stops running runs after their current chunk.
 */
@Command(name = "serve",
        description = {"The HTTP API, the schedule and event-driven snapshots, until stopped (SIGTERM stops runs "
                + "gracefully).",
                "API under /api (description at /v3/api-docs), health at /actuator/health."},
        footer = "Properties as for any command, e.g. --server.port=8080 "
                + "--account-snapshot.schedule.cron=\"0 0 2 * * ?\"")
final class ServeCommand implements Callable<Integer>, ApplicationSetup {

    @Mixin
    HelpOption help;

    @Autowired
    private SnapshotMonths snapshotMonths;

    @Autowired
    private SnapshotSchedule schedule;

    @Autowired
    private DeadRunRecovery deadRuns;

    @Autowired
    private EventProcessing events;

    @Autowired
    private RetentionSchedule retention;

    @Autowired
    private Environment environment;

    @Autowired
    private ConfigurableApplicationContext context;

    private final Console console = Console.system();

    @Override
    public void configure(SpringApplication application) {
        application.setWebApplicationType(WebApplicationType.SERVLET);
    }

    @Override
    public Integer call() throws InterruptedException {
        snapshotMonths.premake();
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener((ContextClosedEvent event) -> closed.countDown());
        schedule.start();
        deadRuns.start();
        events.start();
        retention.start();
        console.out().println("Serving the HTTP API on port " + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + "; next scheduled run: "
                + schedule.nextFireTime().map(Object::toString).orElse("none (schedule disabled)"));
        closed.await();
        return ExitCodes.COMPLETED;
    }
}
