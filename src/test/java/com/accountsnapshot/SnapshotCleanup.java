package com.accountsnapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import com.accountsnapshot.run.SnapshotMaintenance;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tests' own changes to the immutable account_snapshots (emptying it between tests, removing a run's rows,
 * poisoning a history on purpose): each statement runs in a transaction of its own that declares itself
 * maintenance ({@link SnapshotMaintenance#SETTING}), as the product's maintenance paths do. The one place tests
 * do so, so that no test touches the history by accident.
 */
public final class SnapshotCleanup {

    private static final String PATH = "test-cleanup";

    private SnapshotCleanup() {
    }

    /** Runs one statement (a DELETE, UPDATE or TRUNCATE touching account_snapshots) as maintenance. */
    public static int execute(JdbcTemplate jdbc, String sql, Object... args) {
        Integer count = jdbc.execute((ConnectionCallback<Integer>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                declare(connection);
                int updated;
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        statement.setObject(i + 1, args[i]);
                    }
                    statement.execute();
                    updated = Math.max(statement.getUpdateCount(), 0);
                }
                connection.commit();
                return updated;
            }
            catch (RuntimeException | SQLException ex) {
                connection.rollback();
                throw ex;
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
        });
        return count == null ? 0 : count;
    }

    /** Empties account_snapshots (and the other tables named with it, e.g. {@code "snapshot_run_issues"}). */
    public static void truncate(JdbcTemplate jdbc, String... otherTables) {
        execute(jdbc, "TRUNCATE account_snapshots" + (otherTables.length == 0 ? "" : ", " + String.join(", ", otherTables)));
    }

    private static void declare(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            statement.setString(1, SnapshotMaintenance.SETTING);
            statement.setString(2, PATH);
            statement.executeQuery().close();
        }
    }
}
