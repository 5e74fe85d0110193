package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code migrate}: the schema is applied at start-up by Flyway; this reports where it stands and exits. */
@Command(name = "migrate",
        description = "Apply the schema (source tables, snapshots, Spring Batch, Quartz) and exit.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Autowired
    private Flyway flyway;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        var current = flyway.info().current();
        console.out().println("Schema is up to date at version " + (current == null ? "none" : current.getVersion())
                + " (" + flyway.info().applied().length + " migrations applied).");
        return ExitCodes.COMPLETED;
    }
}
