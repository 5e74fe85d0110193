package com.accountsnapshot.cli;

import java.util.Map;
import java.util.Set;

import com.accountsnapshot.demo.DemoPortfolio;
import com.accountsnapshot.demo.DemoPortfolioGenerator;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code demo-data --accounts=N [--seed=S]}: adds a realistic generated portfolio to the source tables. */
@Component
class DemoDataCommand implements Command {

    private final DemoPortfolioGenerator generator;

    DemoDataCommand(DemoPortfolioGenerator generator) {
        this.generator = generator;
    }

    @Override
    public String name() {
        return "demo-data";
    }

    @Override
    public String help() {
        return """
                demo-data          add a generated, realistic portfolio (products, KPIs, trends, playbooks, notes)
                  Usage: demo-data --accounts=N [--seed=S]
                  The same N and seed on an empty database give the same rows; ids continue after existing ones.""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        Map<String, String> options = Options.read(arguments, Set.of("accounts", "seed"));
        String accounts = options.get("accounts");
        if (accounts == null || !accounts.matches("[0-9]{1,8}") || Integer.parseInt(accounts) == 0) {
            throw new IllegalArgumentException("--accounts: give a number of accounts from 1 to 99999999");
        }
        String seed = options.getOrDefault("seed", "42");
        if (!seed.matches("-?[0-9]{1,18}")) {
            throw new IllegalArgumentException("--seed: '" + seed + "' is not a whole number");
        }
        long started = System.nanoTime();
        DemoPortfolio portfolio = generator.generate(Integer.parseInt(accounts), Long.parseLong(seed));
        console.out().println(describe(portfolio, (System.nanoTime() - started) / 1_000_000_000.0));
        return COMPLETED;
    }

    static String describe(DemoPortfolio p, double seconds) {
        return ("Generated %d accounts: %d products, %d KPIs, %d health trend months, %d playbook executions, "
                + "%d reports, %d triggers, %d notes in %.1f s").formatted(p.accounts(), p.products(), p.kpis(),
                p.healthTrends(), p.playbookExecutions(), p.playbookReports(), p.playbookTriggers(), p.accountNotes(),
                seconds);
    }
}
