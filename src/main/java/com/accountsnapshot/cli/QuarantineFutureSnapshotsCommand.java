package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.SnapshotQuarantine;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code quarantine-future-snapshots [--apply]}: moves snapshots later than now out of the history (audited when applied). */
@Command(name = "quarantine-future-snapshots", description = "Move the snapshots later than now (a history poisoned by a run of the future) into account_snapshots_quarantine; without --apply a dry run that counts them.")
final class QuarantineFutureSnapshotsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--apply", description = "Move them (otherwise only count them).")
    boolean apply;

    @Autowired
    private SnapshotQuarantine quarantine;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        console.out().println(quarantine.quarantineFutureSnapshots(apply).describe());
        return ExitCodes.COMPLETED;
    }
}
