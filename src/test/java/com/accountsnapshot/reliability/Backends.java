package com.accountsnapshot.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

import com.accountsnapshot.TestDatabase;

/**
 * PostgreSQL sessions seen from outside the application's pool: a fresh connection per call, so a test can
 * end the application's sessions (an outage, a crash) or write as a concurrent writer would, never inside
 * the transaction of the thread that calls it.
 */
final class Backends {

    /** The application_name of every connection of the reliability tests' context. */
    static final String APPLICATION_NAME = "account-snapshot-reliability";

    private Backends() {
    }

    /** Ends the given sessions and waits until each is gone (its open transaction rolled back). */
    static void terminate(Collection<Integer> pids) {
        for (int pid : pids) {
            update("SELECT pg_terminate_backend(?, 10000)", pid);
        }
    }

    /** Ends every session of the application (an outage); returns how many there were. */
    static int terminateAll() {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = ? AND pid <> pg_backend_pid()""")) {
            statement.setString(1, APPLICATION_NAME);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Runs one statement in a transaction of its own (committed at once). */
    static void update(String sql, Object... arguments) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            statement.execute();
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(),
                System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
    }
}
