package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.run.SnapshotRetention;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retention [--apply]}: the tiered retention of the snapshot history (audited when applied). */
@Command(name = "retention",
        description = {"Tiered retention of account_snapshots: everything younger than keep-all (12 months), then each "
                + "account's last snapshot of each month down to keep-monthly (5 years), then its last of each "
                + "quarter, nothing older than max-age (unset: kept for ever).",
                "Without --apply a dry run: per partition, its rows, the rows kept and the bytes to be freed."},
        footer = "Properties: --account-snapshot.retention.keep-all=12m --account-snapshot.retention.keep-monthly=5y "
                + "--account-snapshot.retention.max-age=10y")
final class RetentionCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--apply", description = "Thin and drop the partitions (otherwise only count).")
    boolean apply;

    @Autowired
    private SnapshotRetention retention;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        console.out().println((apply ? retention.apply() : retention.plan()).describe());
        return ExitCodes.COMPLETED;
    }
}
