package com.accountsnapshot.cli;

import java.util.concurrent.CountDownLatch;

import com.accountsnapshot.run.DeadRunRecovery;
import com.accountsnapshot.schedule.SnapshotSchedule;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code serve}: the HTTP API (the web server starts with the application for this command only) and the
 * Quartz schedule, until the process is stopped; SIGTERM stops running runs after their current chunk. It also
 * recovers runs whose process is gone and restarts the scheduled and event-driven ones ({@link DeadRunRecovery}).
 */
@Component
class ServeCommand implements Command, ApplicationListener<ContextClosedEvent> {

    private final SnapshotSchedule schedule;

    private final DeadRunRecovery deadRuns;

    private final Environment environment;

    private final ApplicationContext context;

    private final CountDownLatch closed = new CountDownLatch(1);

    ServeCommand(SnapshotSchedule schedule, DeadRunRecovery deadRuns, Environment environment,
            ApplicationContext context) {
        this.schedule = schedule;
        this.deadRuns = deadRuns;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String help() {
        return """
                serve              the HTTP API and the schedule, until stopped (SIGTERM stops runs gracefully)
                  Usage: serve [--server.port=8080] [--account-snapshot.schedule.cron="0 0 2 * * ?"]
                  API under /api (description at /v3/api-docs), health at /actuator/health""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws InterruptedException {
        Options.read(arguments, java.util.Set.of());
        schedule.start();
        deadRuns.start();
        // this command blocks the runner that Boot waits for before it reports readiness itself
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        console.out().println("Serving the HTTP API on port " + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + "; next scheduled run: "
                + schedule.nextFireTime().map(Object::toString).orElse("none (schedule disabled)"));
        closed.await();
        return COMPLETED;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closed.countDown();
    }
}
