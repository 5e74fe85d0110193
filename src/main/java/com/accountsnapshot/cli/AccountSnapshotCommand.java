package com.accountsnapshot.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import com.accountsnapshot.demo.DemoActivity;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.job.SnapshotMonths;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The tool and what runs with no command: generates a demo portfolio when the database has no accounts, then
 * takes a full-portfolio snapshot. Each invocation takes the next snapshot of every account.
 * <p>
 * Commands are parsed before the application starts; their collaborators are injected into their fields once it
 * has ({@link CommandLineApplication}).
 */
@Command(name = "java -jar account-snapshot.jar", synopsisSubcommandLabel = "[COMMAND]",
        description = "Immutable point-in-time account snapshots in PostgreSQL. With no command: generate a demo "
                + "portfolio if the database has no accounts, then snapshot the portfolio.",
        subcommands = {MigrateCommand.class, RunCommand.class, RestartCommand.class, StopCommand.class,
                RecoverCommand.class, ExecutionsCommand.class, ExecutionCommand.class, EventsCommand.class,
                ServeCommand.class, WorkerCommand.class, DemoDataCommand.class, BenchmarkCommand.class,
                AuditCommand.class, QuarantineFutureSnapshotsCommand.class, RestoreQuarantinedSnapshotsCommand.class,
                RetentionCommand.class},
        commandListHeading = "%nCommands (each takes --help):%n",
        footer = {"", "Options are written --name=value. Spring Boot properties go to the application the same way "
                + "(--account-snapshot.job.chunk-size=1000, --spring.datasource.url=...), or as environment "
                + "variables (ACCOUNT_SNAPSHOT_JOB_CHUNK_SIZE=1000).",
                "Exit codes: 0 completed, 1 failed or stopped, 2 refused parameters, 3 refused because a run with an "
                        + "overlapping scope is going."})
final class AccountSnapshotCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Autowired
    private SnapshotMonths snapshotMonths;

    @Autowired
    private DemoPortfolioGenerator generator;

    @Autowired
    private DemoActivity activity;

    @Autowired
    private SnapshotRuns runs;

    @Autowired
    private RunFollower follower;

    @Autowired
    private ScopeCounter scope;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private CommandShutdown shutdown;

    @Value("${account-snapshot.demo.accounts:2000}")
    private int demoAccounts;

    private final Console console = Console.system();

    @Override
    public Integer call() throws Exception {
        snapshotMonths.premake();
        Boolean empty = jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM accounts)", Boolean.class);
        if (Boolean.FALSE.equals(empty) && activity.hasDemoPortfolio()) {
            console.out().println("Demo portfolio: simulated platform activity since the last run changed "
                    + activity.advance() + " rows (revenue, status, a new month of health scores)");
        }
        if (Boolean.TRUE.equals(empty)) {
            long started = System.nanoTime();
            console.out().println("No accounts yet: generating a demo portfolio of " + demoAccounts + " accounts");
            console.out().println(DemoDataCommand.describe(generator.generate(demoAccounts, 42),
                    (System.nanoTime() - started) / 1_000_000_000.0));
        }
        SnapshotRequest request = runs.request(Map.of(SnapshotRequest.REASON, "demo run"));
        long total = scope.accountsIn(request);
        SnapshotRuns.Run run = runs.start(request);
        console.out().println("Execution " + run.id() + ": snapshotting the portfolio (" + total + " accounts) as of "
                + request.asOf());
        int exit = follower.follow(run, total, console, shutdown);
        console.out().println("Run it again for the next snapshot of every account; see java -jar "
                + "target/account-snapshot.jar --help for the commands.");
        return exit;
    }
}
