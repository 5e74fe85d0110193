package com.accountsnapshot.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.accountsnapshot.TestDatabase;

import static org.awaitility.Awaitility.await;

/**
 * A {@code serve} process of the packaged jar on a free port, with one HTTP Basic user of every role, once it
 * answers; and the HTTP calls the process tests make to it.
 */
final class ServeProcess {

    private static final String USER = "race";

    private static final String PASSWORD = "race-password";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final JarProcess process;

    final int port;

    private ServeProcess(JarProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServeProcess start(String... options) throws IOException {
        return startOn(TestDatabase.url(), TestDatabase.username(), options);
    }

    /** A {@code serve} process against another database than the test database. */
    static ServeProcess startOn(String url, String username, String... options) throws IOException {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("serve", "--server.port=" + port,
                "--account-snapshot.security.users." + USER + ".password={noop}" + PASSWORD,
                "--account-snapshot.security.users." + USER + ".roles=ADMIN,OPERATOR,VIEWER,MONITOR"));
        args.addAll(List.of(options));
        ServeProcess serve = new ServeProcess(JarProcess.startOn(url, username, args.toArray(String[]::new)), port);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!serve.process.isAlive()) {
                throw new IllegalStateException("serve exited: " + serve.process.out() + serve.process.err());
            }
            return serve.process.out().contains("Serving the HTTP API on port " + port);
        });
        return serve;
    }

    /** {@code POST /api/account-snapshots/create} with this JSON body, answered asynchronously. */
    CompletableFuture<HttpResponse<String>> create(String json) {
        return HTTP.sendAsync(request("/api/account-snapshots/create").timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET} of a path, answered within the timeout. */
    HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(request(path).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        String credentials = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + credentials);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
