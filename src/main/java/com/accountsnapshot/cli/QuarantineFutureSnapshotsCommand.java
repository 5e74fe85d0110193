package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.run.SnapshotQuarantine;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code quarantine-future-snapshots [--apply]}: moves snapshots later than now out of the history. */
@Component
class QuarantineFutureSnapshotsCommand implements Command {

    private final SnapshotQuarantine quarantine;

    QuarantineFutureSnapshotsCommand(SnapshotQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public String name() {
        return "quarantine-future-snapshots";
    }

    @Override
    public String help() {
        return """
                quarantine-future-snapshots  move snapshots later than now into account_snapshots_quarantine
                  Usage: quarantine-future-snapshots [--apply]   (without --apply: a dry run that counts them)""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        boolean apply = Boolean.parseBoolean(Options.read(arguments, Set.of("apply")).getOrDefault("apply", "false"));
        console.out().println(quarantine.quarantineFutureSnapshots(apply).describe());
        return COMPLETED;
    }
}
