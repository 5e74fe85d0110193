package com.accountsnapshot.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.accountsnapshot.ChunkStepListeners;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.awaitility.Awaitility.await;

/**
 * The application on a random port over the test database, called through a real HTTP client. Every API test
 * class extends this one, so they share one application context. Each test starts from empty tables and no
 * run going.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "account-snapshot.job.chunk-size=2",
        // the API tests act as a user with every role; the security tests as each of the others
        "account-snapshot.security.users.tester.password={noop}" + ApiTest.PASSWORD,
        "account-snapshot.security.users.tester.roles=ADMIN,OPERATOR,VIEWER,MONITOR",
        "account-snapshot.security.users.viewer.password={bcrypt}$2a$04$r2YOeC3DgbgPnxd5SqLe2.O4EFBz6usKF.J/uY5nVz406WKM1OY/O",
        "account-snapshot.security.users.viewer.roles=VIEWER",
        "account-snapshot.security.users.operator.password={noop}" + ApiTest.PASSWORD,
        "account-snapshot.security.users.operator.roles=OPERATOR",
        "account-snapshot.security.users.admin.password={noop}" + ApiTest.PASSWORD,
        "account-snapshot.security.users.admin.roles=ADMIN",
        "account-snapshot.security.users.monitor.password={noop}" + ApiTest.PASSWORD,
        "account-snapshot.security.users.monitor.roles=MONITOR",
        "account-snapshot.security.users.scoped-viewer.password={noop}" + ApiTest.PASSWORD,
        "account-snapshot.security.users.scoped-viewer.roles=VIEWER",
        "account-snapshot.security.users.scoped-viewer.customers=100",
        "account-snapshot.security.users.scoped-operator.password={noop}" + ApiTest.PASSWORD,
        "account-snapshot.security.users.scoped-operator.roles=OPERATOR",
        "account-snapshot.security.users.scoped-operator.customers=100,300"})
@Import({RunControl.class, ChunkStepListeners.class})
abstract class ApiTest {

    /** The password of every test user but {@code viewer} (whose is {@code viewer-secret}, stored as bcrypt). */
    static final String PASSWORD = "test-secret";

    static final String TESTER = "tester";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    RunControl control;

    TestPortfolio portfolio;

    private RestClient http;

    /** A response: status, Location header, the body as text and as JSON (null when empty), the headers. */
    record Answer(int status, @Nullable URI location, String text, @Nullable JsonNode json, HttpHeaders headers) {
    }

    @BeforeEach
    void startClean() {
        endRuns();
        portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        http = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void endRuns() {
        control.reset();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.runningHere().isEmpty());
    }

    Answer get(String uri) {
        return call(HttpMethod.GET, uri, TESTER, null);
    }

    Answer post(String uri) {
        return post(uri, null);
    }

    Answer post(String uri, @Nullable String json) {
        return call(HttpMethod.POST, uri, TESTER, json);
    }

    /** A request as the given test user (null: anonymous). */
    Answer call(HttpMethod method, String uri, @Nullable String user, @Nullable String json) {
        return send(method, uri, user == null ? null : basic(user, "viewer".equals(user) ? "viewer-secret" : PASSWORD),
                json);
    }

    /** A request with the given Authorization header (null: none). */
    Answer send(HttpMethod method, String uri, @Nullable String authorization, @Nullable String json) {
        return send(method, uri, authorization, json, Map.of());
    }

    /** A request as the tester, with more headers. */
    Answer send(HttpMethod method, String uri, @Nullable String json, Map<String, String> headers) {
        return send(method, uri, basic(TESTER, PASSWORD), json, headers);
    }

    private Answer send(HttpMethod method, String uri, @Nullable String authorization, @Nullable String json,
            Map<String, String> headers) {
        RestClient.RequestBodySpec request = http.method(method).uri(uri);
        headers.forEach(request::header);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return request.exchange((req, response) -> answer(response));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a run through the API and returns its execution id. */
    long create(String json) {
        Answer answer = post("/api/account-snapshots/create", json);
        if (answer.status() != 202) {
            throw new IllegalStateException("create answered " + answer.status() + ": " + answer.text());
        }
        return answer.json().get("execution_id").asLong();
    }

    /** Waits until the run has ended with the given status and returns its detail. */
    JsonNode awaitStatus(long executionId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status.equals(get("/api/snapshot-runs/" + executionId).json().get("status").asString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.runningHere().stream()
                .noneMatch(run -> run.id() == executionId));
        return get("/api/snapshot-runs/" + executionId).json();
    }

    private static Answer answer(ClientHttpResponse response) throws IOException {
        String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean json = text.startsWith("{") || text.startsWith("[");
        return new Answer(response.getStatusCode().value(), response.getHeaders().getLocation(), text,
                json ? JSON.readTree(text) : null, response.getHeaders());
    }
}
