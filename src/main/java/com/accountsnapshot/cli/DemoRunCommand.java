package com.accountsnapshot.cli;

import java.util.Map;
import java.util.Set;

import com.accountsnapshot.demo.DemoActivity;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.ScopeCounter;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What runs with no command: generates a demo portfolio when the database has no accounts, then takes a
 * full-portfolio snapshot. Each invocation takes the next snapshot of every account.
 */
@Component
class DemoRunCommand implements Command {

    private final DemoPortfolioGenerator generator;

    private final SnapshotRuns runs;

    private final RunFollower follower;

    private final ScopeCounter scope;

    private final JdbcTemplate jdbc;

    private final int demoAccounts;

    private final DemoActivity activity;

    DemoRunCommand(DemoPortfolioGenerator generator, DemoActivity activity, SnapshotRuns runs, RunFollower follower, ScopeCounter scope,
            JdbcTemplate jdbc, @Value("${account-snapshot.demo.accounts:2000}") int demoAccounts) {
        this.generator = generator;
        this.activity = activity;
        this.runs = runs;
        this.follower = follower;
        this.scope = scope;
        this.jdbc = jdbc;
        this.demoAccounts = demoAccounts;
    }

    @Override
    public String name() {
        return "";
    }

    @Override
    public String help() {
        return "(no command)       generate a demo portfolio if there are no accounts, then snapshot the portfolio";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws Exception {
        Options.read(arguments, Set.of());
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
        int exit = follower.follow(run, total, console);
        console.out().println("Run it again for the next snapshot of every account; see java -jar "
                + "target/account-snapshot.jar --help for the commands.");
        return exit;
    }
}
