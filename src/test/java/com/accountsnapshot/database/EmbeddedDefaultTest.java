package com.accountsnapshot.database;

import java.nio.file.Files;
import java.nio.file.Path;

import com.accountsnapshot.AccountSnapshotApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no datasource configured the product starts a real PostgreSQL 17 itself, listening on the loopback address
 * only, and keeps its data.
 */
class EmbeddedDefaultTest {

    /** Every migration script the product ships is applied on the embedded default. */
    private static final int MIGRATIONS = MigrationScripts.count();

    private final int port = freePort();

    @TempDir
    Path home;

    @Test
    void startsEmbeddedPostgresWithoutDatasourceAndReusesItsDataDirectory() throws Exception {
        Path dataDirectory = home.resolve("pgdata");

        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(first.getBean(EmbeddedPostgresServer.class).jdbcUrl())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
            // reachable from this machine only
            assertThat(jdbc.queryForObject("SHOW listen_addresses", String.class)).isEqualTo("127.0.0.1");
            assertThat(jdbc.queryForObject("SHOW server_version_num", Integer.class)).isBetween(170000, 179999);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success",
                    Integer.class)).isEqualTo(MIGRATIONS);
            jdbc.update("INSERT INTO accounts (account_id, customer_id, account_name) VALUES (7, 70, 'Kept')");
        }
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT account_name FROM accounts WHERE account_id = 7", String.class))
                    .isEqualTo("Kept");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success",
                    Integer.class)).isEqualTo(MIGRATIONS);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(AccountSnapshotApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=", "--spring.datasource.username=",
                        "--account-snapshot.embedded-database.data-directory=" + dataDirectory,
                        "--account-snapshot.embedded-database.port=" + port);
    }
}
