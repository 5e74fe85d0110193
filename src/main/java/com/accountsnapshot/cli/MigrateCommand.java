package com.accountsnapshot.cli;

import org.flywaydb.core.Flyway;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code migrate}: the schema is applied at start-up by Flyway; this reports where it stands and exits. */
@Component
class MigrateCommand implements Command {

    private final Flyway flyway;

    MigrateCommand(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String help() {
        return """
                migrate            apply the schema (source tables, snapshots, Spring Batch, Quartz) and exit
                  Usage: migrate""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        Options.read(arguments, java.util.Set.of());
        var current = flyway.info().current();
        console.out().println("Schema is up to date at version " + (current == null ? "none" : current.getVersion())
                + " (" + flyway.info().applied().length + " migrations applied).");
        return COMPLETED;
    }
}
