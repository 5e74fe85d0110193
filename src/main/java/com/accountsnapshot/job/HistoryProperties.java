package com.accountsnapshot.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the snapshot history is kept ({@code account-snapshot.history.*}).
 *
 * @param premakeMonths the monthly partitions of {@code account_snapshots} made ahead of the current month when a
 *        process that writes snapshots starts (run, serve, worker, benchmark), so that no run has to make one
 */
@ConfigurationProperties("account-snapshot.history")
public record HistoryProperties(@DefaultValue("3") int premakeMonths) {

    public HistoryProperties {
        if (premakeMonths < 0 || premakeMonths > 120) {
            throw new IllegalArgumentException(
                    "account-snapshot.history.premake-months must be between 0 and 120, not " + premakeMonths);
        }
    }
}
