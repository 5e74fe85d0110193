package com.accountsnapshot.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.accountsnapshot.snapshot.internal.CopyBuffer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Sends batches to PostgreSQL with one COPY per table, on a background thread, so the generator fills the
 * next batch while PostgreSQL takes the previous one. It owns two batches and copies one at a time, over
 * the caller's connection (so the rows join the caller's transaction); {@link #close()} leaves the
 * connection idle, ready for the caller's commit or rollback.
 */
final class DemoBatchCopier implements AutoCloseable {

    private final CopyManager copyManager;
    private final DemoBatch[] batches = {new DemoBatch(), new DemoBatch()};
    private final Map<DemoTable, Long> inserted = new EnumMap<>(DemoTable.class);
    private final ExecutorService copier =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "demo-portfolio-copy"));
    private @Nullable Future<?> copying;
    private int batchesHandedOut;

    DemoBatchCopier(Connection connection) throws SQLException {
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** An empty batch to fill: not the one being copied. */
    DemoBatch emptyBatch() {
        DemoBatch batch = batches[batchesHandedOut++ % batches.length];
        batch.clear();
        return batch;
    }

    /**
     * Waits for the previous batch's COPY (reporting its failure), then starts copying this one and runs
     * {@code afterCopy} on the copying thread once it is in.
     */
    void copy(DemoBatch batch, Runnable afterCopy) throws SQLException {
        awaitCopy();
        copying = copier.submit(() -> {
            copyTables(batch);
            afterCopy.run();
            return null;
        });
    }

    /** Waits until every batch is in, reporting a failure. */
    void finish() throws SQLException {
        awaitCopy();
    }

    /** Rows inserted into the table so far; exact once {@link #finish()} returned. */
    long inserted(DemoTable table) {
        synchronized (inserted) {
            return inserted.getOrDefault(table, 0L);
        }
    }

    @Override
    public void close() {
        boolean interrupted = false;
        while (copying != null) {
            try {
                copying.get();
                copying = null;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                copying = null; // reported by copy() or finish(), or superseded by the failure being thrown
            }
        }
        copier.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitCopy() throws SQLException {
        if (copying == null) {
            return;
        }
        try {
            copying.get();
            copying = null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inserting the demo portfolio", interrupted);
        } catch (ExecutionException failed) {
            copying = null;
            if (failed.getCause() instanceof SQLException sqlFailure) {
                throw sqlFailure;
            }
            if (failed.getCause() instanceof RuntimeException runtimeFailure) {
                throw runtimeFailure;
            }
            throw new IllegalStateException("demo portfolio COPY failed", failed.getCause());
        }
    }

    private void copyTables(DemoBatch batch) throws SQLException {
        for (DemoTable table : DemoTable.values()) {
            CopyBuffer rows = batch.rows(table);
            if (rows.rows() == 0) {
                continue;
            }
            CopyIn copy = copyManager.copyIn(table.copySql());
            try {
                copy.writeToCopy(rows.bytes(), 0, rows.size());
                long copied = copy.endCopy();
                synchronized (inserted) {
                    inserted.merge(table, copied, Long::sum);
                }
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }
}
