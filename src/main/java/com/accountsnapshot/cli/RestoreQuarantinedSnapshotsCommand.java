package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.run.SnapshotQuarantine;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code restore-quarantined-snapshots [--apply]}: moves every quarantined snapshot back into the history. */
@Component
class RestoreQuarantinedSnapshotsCommand implements Command {

    private final SnapshotQuarantine quarantine;

    RestoreQuarantinedSnapshotsCommand(SnapshotQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    @Override
    public String name() {
        return "restore-quarantined-snapshots";
    }

    @Override
    public String help() {
        return """
                restore-quarantined-snapshots  move every quarantined snapshot back into account_snapshots
                  Usage: restore-quarantined-snapshots [--apply]   (without --apply: a dry run that counts them)""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        boolean apply = Boolean.parseBoolean(Options.read(arguments, Set.of("apply")).getOrDefault("apply", "false"));
        console.out().println(quarantine.restoreQuarantinedSnapshots(apply).describe());
        return COMPLETED;
    }
}
