package com.accountsnapshot.run;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way the product changes its immutable history: account_snapshots refuses UPDATE, DELETE and TRUNCATE
 * (a trigger on it and on each partition) unless the transaction declares itself a maintenance path in the
 * transaction-local setting {@value #SETTING}. The declaration ends with the transaction, so it never leaks into
 * the next use of a pooled connection. Retention and the quarantine declare themselves and audit their moves;
 * {@link #run} does both for the benchmark's cleanup of its own database.
 */
@Component
public class SnapshotMaintenance {

    /** The setting the immutability trigger reads: the name of the maintenance path, or unset. */
    public static final String SETTING = "account_snapshot.maintenance";

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final OperatorAudit audit;

    SnapshotMaintenance(JdbcClient jdbc, TransactionTemplate transaction, OperatorAudit audit) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
    }

    /**
     * Declares the current transaction the maintenance path {@code path} (for the rest of it).
     *
     * @throws IllegalStateException outside a transaction, where the declaration would end with the statement
     */
    public void declare(String path) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Maintenance '" + path + "' must run in a transaction");
        }
        jdbc.sql("SELECT set_config('" + SETTING + "', :path, true)").param("path", path).query(String.class).single();
    }

    /** Runs {@code work} in a transaction declared as {@code action} and audited as accepted on {@code target}. */
    public void run(String action, String target, Runnable work) {
        transaction.executeWithoutResult(status -> {
            declare(action);
            work.run();
            audit.accepted(action, target);
        });
    }
}
