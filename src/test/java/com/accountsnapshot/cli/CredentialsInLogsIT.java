package com.accountsnapshot.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a datasource password and a user's password set (in the environment, as the README says to), no line that
 * {@code run}, {@code executions} or {@code serve} prints, at INFO for every logger, holds either of them, nor the
 * Basic credentials a client sent, right or wrong.
 */
class CredentialsInLogsIT {

    private static final String DATASOURCE_PASSWORD = "ds-secret-8c41d7";

    private static final String USER_PASSWORD = "user-secret-2be9f0";

    private static final Map<String, String> SECRETS = Map.of(
            // the test database trusts local connections: the password is carried, never needed; a user's
            // properties are map entries, which Spring binds from environment variables in the canonical form only
            "SPRING_DATASOURCE_PASSWORD", DATASOURCE_PASSWORD,
            "ACCOUNTSNAPSHOT_SECURITY_USERS_OPS_PASSWORD", "{noop}" + USER_PASSWORD,
            "ACCOUNTSNAPSHOT_SECURITY_USERS_OPS_ROLES", "OPERATOR");

    @Test
    void noCredentialAppearsInAnyLineOfARunAListingOrServe() throws Exception {
        JdbcTemplate jdbc = ProcessPortfolio.migrateAndSeed(200);

        JarProcess run = JarProcess.run(SECRETS, "run", "--as-of=2026-11-20T00:00:00Z", "--logging.level.root=INFO");
        JarProcess executions = JarProcess.run(SECRETS, "executions", "--logging.level.root=INFO");
        String serveOutput = serveAndCall();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(200);
        assertThat(executions.exitCode()).as(executions.out() + executions.err()).isZero();
        for (String output : List.of(run.out() + run.err(), executions.out() + executions.err(), serveOutput)) {
            // INFO lines of the start-up are there, so the output was captured from the start
            assertThat(output).contains("account-snapshot - Start completed.").doesNotContain(DATASOURCE_PASSWORD).doesNotContain(USER_PASSWORD)
                    .doesNotContain(encoded("ops", USER_PASSWORD)).doesNotContain(encoded("ops", "x" + USER_PASSWORD));
        }
        assertThat(serveOutput).contains("account-snapshot.security.users.ops.password is stored in plain text")
                .doesNotContain("Using generated password");
    }

    /** Starts serve, calls it with the right and a wrong password, stops it; its output. */
    private static String serveAndCall() throws Exception {
        int port = freePort();
        JarProcess serve = JarProcess.start(SECRETS, "serve", "--server.port=" + port, "--logging.level.root=INFO");
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> status(http, port, "ops", USER_PASSWORD) == 200);
            assertThat(status(http, port, "ops", "x" + USER_PASSWORD)).isEqualTo(401);
        }
        finally {
            serve.terminate();
            serve.awaitExit(Duration.ofMinutes(1));
        }
        return serve.out() + serve.err();
    }

    private static int status(HttpClient http, int port, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/snapshot-runs"))
                .header("Authorization", "Basic " + encoded(user, password)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String encoded(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
