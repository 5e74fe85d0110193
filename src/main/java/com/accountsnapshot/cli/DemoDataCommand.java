package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.demo.DemoPortfolio;
import com.accountsnapshot.demo.DemoPortfolioGenerator;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo-data --accounts=N [--seed=S]}: adds a realistic generated portfolio to the source tables. */
@Command(name = "demo-data",
        description = {"Add a generated, realistic portfolio (products, KPIs, trends, playbooks, notes).",
                "The same N and seed on an empty database give the same rows; ids continue after existing ones."})
final class DemoDataCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--accounts", paramLabel = "N", required = true, converter = Converters.AccountCount.class,
            description = "Accounts to generate, 1 to 99999999.")
    int accounts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", converter = Converters.Seed.class,
            description = "Generation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Autowired
    private DemoPortfolioGenerator generator;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        long started = System.nanoTime();
        DemoPortfolio portfolio = generator.generate(accounts, seed);
        console.out().println(describe(portfolio, (System.nanoTime() - started) / 1_000_000_000.0));
        return ExitCodes.COMPLETED;
    }

    static String describe(DemoPortfolio p, double seconds) {
        return ("Generated %d accounts: %d products, %d KPIs, %d health trend months, %d playbook executions, "
                + "%d reports, %d triggers, %d notes in %.1f s").formatted(p.accounts(), p.products(), p.kpis(),
                p.healthTrends(), p.playbookExecutions(), p.playbookReports(), p.playbookTriggers(), p.accountNotes(),
                seconds);
    }
}
