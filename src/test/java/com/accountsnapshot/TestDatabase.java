package com.accountsnapshot;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.accountsnapshot.database.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * Points every test of the run at one real PostgreSQL: the server named by {@code SPRING_DATASOURCE_URL}
 * when it is set (CI sets it), otherwise an embedded PostgreSQL started once for the whole test run.
 * Registered as a JUnit launcher session listener, so it runs before any test class.
 */
public class TestDatabase implements LauncherSessionListener {

    private static @Nullable EmbeddedPostgresServer embedded;

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        keepIdleConnectionsFew();
        // a test JVM may open several launcher sessions: the server is started once and stopped at exit
        if (embedded != null || StringUtils.hasText(System.getenv("SPRING_DATASOURCE_URL"))
                || StringUtils.hasText(System.getProperty("spring.datasource.url"))) {
            return;
        }
        // a blank cluster on a free port for every test run, as CI gets a fresh database
        Path dataDirectory = Path.of("target", "test-postgres");
        FileSystemUtils.deleteRecursively(dataDirectory.toFile());
        embedded = EmbeddedPostgresServer.startOrAttach(dataDirectory, freePort());
        System.setProperty("spring.datasource.url", embedded.jdbcUrl());
        System.setProperty("spring.datasource.username", embedded.username());
        EmbeddedPostgresServer server = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            }
            catch (IOException ex) {
                System.err.println("Could not stop the test PostgreSQL: " + ex);
            }
        }, "test-postgres-stop"));
    }

    /**
     * Every application context the tests start keeps its pool until the JVM ends (Spring caches test
     * contexts), and Hikari keeps a pool full by default (minimum idle = maximum size = 20): a handful of
     * contexts and two schedule instances would take more than PostgreSQL's default 100 connections. Pools
     * still grow to their maximum when a test needs it, and shrink back after 10 idle seconds.
     */
    private static void keepIdleConnectionsFew() {
        System.setProperty("spring.datasource.hikari.minimum-idle", "2");
        System.setProperty("spring.datasource.hikari.idle-timeout", "10000");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException("No free local port for the test PostgreSQL", ex);
        }
    }

    /** The JDBC URL every test (and every process a test starts) uses. */
    public static String url() {
        String url = System.getProperty("spring.datasource.url");
        return StringUtils.hasText(url) ? url : System.getenv("SPRING_DATASOURCE_URL");
    }

    /** The user name that goes with {@link #url()}. */
    public static String username() {
        String user = System.getProperty("spring.datasource.username");
        if (StringUtils.hasText(user)) {
            return user;
        }
        String fromEnv = System.getenv("SPRING_DATASOURCE_USERNAME");
        return StringUtils.hasText(fromEnv) ? fromEnv : "postgres";
    }

    /** Applies the product's migrations to the test database, as a process of the product would at start. */
    public static JdbcTemplate migrated() {
        return migrated(url(), username());
    }

    /** Applies the product's migrations to the database at {@code url} (a test's own server, say). */
    public static JdbcTemplate migrated(String url, String username) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, username, "");
        Flyway.configure().dataSource(dataSource).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        return new JdbcTemplate(dataSource);
    }
}
