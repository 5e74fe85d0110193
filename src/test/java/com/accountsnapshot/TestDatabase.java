package com.accountsnapshot;

import java.io.IOException;
import java.nio.file.Path;

import com.accountsnapshot.database.EmbeddedPostgresServer;
import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * Points every test of the run at one real PostgreSQL: the server named by {@code SPRING_DATASOURCE_URL}
 * when it is set (CI sets it), otherwise an embedded PostgreSQL started once for the whole test run.
 * Registered as a JUnit launcher session listener, so it runs before any test class.
 */
public class TestDatabase implements LauncherSessionListener {

    private static final int EMBEDDED_TEST_PORT = 54339;

    private static @Nullable EmbeddedPostgresServer embedded;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (StringUtils.hasText(System.getenv("SPRING_DATASOURCE_URL"))
                || StringUtils.hasText(System.getProperty("spring.datasource.url"))) {
            return;
        }
        Path dataDirectory = Path.of("target", "test-postgres");
        if (!EmbeddedPostgresServer.answers(EMBEDDED_TEST_PORT)) {
            // every test run starts from a blank cluster, as CI does with its fresh database
            FileSystemUtils.deleteRecursively(dataDirectory.toFile());
        }
        embedded = EmbeddedPostgresServer.startOrAttach(dataDirectory, EMBEDDED_TEST_PORT);
        System.setProperty("spring.datasource.url", embedded.jdbcUrl());
        System.setProperty("spring.datasource.username", embedded.username());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (embedded != null) {
            try {
                embedded.close();
            }
            catch (IOException ex) {
                throw new IllegalStateException("Could not stop the test PostgreSQL", ex);
            }
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
}
