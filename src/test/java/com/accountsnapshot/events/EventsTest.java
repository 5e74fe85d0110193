package com.accountsnapshot.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.ChunkStepListeners;
import com.accountsnapshot.HeldRun;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * The application on a random port over the test database, with a quiet period of 1 s; the tests drive the
 * event processing's ticks themselves. Every events test class extends this one (one shared context). Each test
 * starts from empty tables and no run going.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "account-snapshot.job.chunk-size=50",
        "account-snapshot.events.quiet-period=1s",
        "account-snapshot.events.max-delay=1m",
        "account-snapshot.events.poll-interval=500ms",
        "account-snapshot.events.amqp.enabled=true",
        "account-snapshot.security.users.platform.password={noop}platform-secret",
        "account-snapshot.security.users.platform.roles=OPERATOR,VIEWER",
        "account-snapshot.events.amqp.queue=account-snapshot.events.test-${random.uuid}",
        "account-snapshot.events.amqp.dead-letter-queue=account-snapshot.events.test-dlq-${random.uuid}"})
@Import({HeldRun.class, ChunkStepListeners.class})
abstract class EventsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    HeldRun held;

    @Autowired
    EventProcessing processing;

    @Autowired
    EventCutter cutter;

    @Autowired
    EventRunner runner;

    TestPortfolio portfolio;

    RestClient http;

    record Answer(int status, JsonNode json) {
    }

    @BeforeEach
    void startClean() {
        endRuns();
        portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.execute("TRUNCATE snapshot_events, snapshot_event_batch_accounts, snapshot_event_batches");
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("platform", "platform-secret")).build();
    }

    @AfterEach
    void endRuns() {
        held.release();
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
    }

    Answer post(String uri, String json) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange((request, response) -> answer(response));
    }

    Answer get(String uri) {
        return http.get().uri(uri).exchange((request, response) -> answer(response));
    }

    /** One event as JSON. */
    static String event(String id, String type, long customerId, Long accountId) {
        return """
                {"event_id": "%s", "event_type": "%s", "customer_id": %d,%s "occurred_at": "2026-11-28T10:00:00Z"}"""
                .formatted(id, type, customerId, accountId == null ? "" : " \"account_id\": " + accountId + ",");
    }

    /** Inserts an event the way the platform does, in a transaction of its own. */
    void outbox(String id, String type, long customerId, Long accountId) {
        jdbc.update("""
                INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at)
                VALUES (?, ?, ?, ?, '2026-11-28T10:00:00Z') ON CONFLICT (event_id) DO NOTHING""",
                id, type, customerId, accountId);
    }

    /** Ticks the event processing until no event is pending or batched and no batch waits, and no run goes. */
    void processUntilServed() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            processing.tick();
            Integer open = jdbc.queryForObject("""
                    SELECT (SELECT count(*) FROM snapshot_events WHERE status IN ('pending', 'batched'))
                         + (SELECT count(*) FROM snapshot_event_batches WHERE status <> 'done')""", Integer.class);
            return open == 0 && runs.runningHere().isEmpty();
        });
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbc.queryForList(sql, args);
    }

    private static Answer answer(ClientHttpResponse response) throws IOException {
        String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Answer(response.getStatusCode().value(), text.isEmpty() ? null : JSON.readTree(text));
    }
}
