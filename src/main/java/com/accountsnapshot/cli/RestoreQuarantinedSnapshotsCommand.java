package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.SnapshotQuarantine;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code restore-quarantined-snapshots [--apply]}: moves every quarantined snapshot back into the history (audited when applied). */
@Command(name = "restore-quarantined-snapshots", description = "Move every quarantined snapshot back into account_snapshots, exactly as it was; without --apply a dry run that counts them.")
final class RestoreQuarantinedSnapshotsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--apply", description = "Move them (otherwise only count them).")
    boolean apply;

    @Autowired
    private SnapshotQuarantine quarantine;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        console.out().println(quarantine.restoreQuarantinedSnapshots(apply).describe());
        return ExitCodes.COMPLETED;
    }
}
