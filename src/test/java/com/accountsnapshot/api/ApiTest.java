package com.accountsnapshot.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "account-snapshot.job.chunk-size=2")
@Import({RunControl.class, ChunkStepListeners.class})
abstract class ApiTest {

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

    /** A response: status, Location header, the body as text and as JSON (null when empty). */
    record Answer(int status, @Nullable URI location, String text, @Nullable JsonNode json) {
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
        return http.get().uri(uri).exchange((request, response) -> answer(response));
    }

    Answer post(String uri) {
        return post(uri, null);
    }

    Answer post(String uri, @Nullable String json) {
        RestClient.RequestBodySpec request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (json != null) {
            request.body(json);
        }
        return request.exchange((req, response) -> answer(response));
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
        return new Answer(response.getStatusCode().value(), response.getHeaders().getLocation(), text,
                text.isEmpty() ? null : JSON.readTree(text));
    }
}
