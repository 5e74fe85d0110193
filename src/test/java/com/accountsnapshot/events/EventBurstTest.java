package com.accountsnapshot.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.accountsnapshot.cli.Broker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of 2,000 events over the four types and the three paths (outbox, HTTP, RabbitMQ) for 300 accounts of 3
 * customers, with 10 % duplicates and 1 % invalid events, processed by serve's own ticks: every valid event is
 * done with a completed run, duplicates are stored once, invalid events are rejected with their reason (RabbitMQ
 * ones also dead-lettered), each account has at most one snapshot per batch and few runs served it all.
 */
class EventBurstTest extends EventsTest {

    private static final List<String> TYPES = List.of("KPI_DATA_UPLOADED", "HEALTH_SCORES_UPDATED",
            "ACCOUNT_DATA_CHANGED", "PLAYBOOK_EXECUTION_COMPLETED");

    private static final List<String> PATHS = List.of("outbox", "http", "amqp");

    @Autowired
    EventsProperties properties;

    private CachingConnectionFactory broker;

    private RabbitTemplate rabbit;

    /** One event of the burst, the path it takes, and the problem it has (null: valid). */
    record Sent(String id, String type, long customerId, Long accountId, String path, String problem) {

        String json() {
            return event(id, type, customerId, accountId);
        }
    }

    @BeforeEach
    void broker() {
        Broker.requireOrSkip();
        broker = new CachingConnectionFactory(Broker.HOST, Broker.PORT);
        rabbit = new RabbitTemplate(broker);
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, profile_metadata)
                SELECT i, 1 + i % 3, 'Account ' || i, i * 10, 'active', '{}'::jsonb FROM generate_series(1, 300) i""");
    }

    @AfterEach
    void stopProcessing() {
        processing.stop();
        if (broker != null) {
            RabbitAdmin admin = new RabbitAdmin(broker);
            admin.deleteQueue(properties.amqp().queue());
            admin.deleteQueue(properties.amqp().deadLetterQueue());
            broker.destroy();
        }
    }

    @Test
    void aBurstOverEveryTypeAndPathIsServedOnceWithFewRuns() {
        // given 1,800 distinct events (18 of them invalid) and 200 repetitions of valid ones, in one stream
        List<Sent> unique = new ArrayList<>();
        List<Sent> stream = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String path = PATHS.get(i % 3);
            if (i % 10 == 9) {
                Sent original = unique.get((i * 7) % unique.size());
                Sent earlierValid = original.problem() == null ? original : unique.get(0);
                stream.add(new Sent(earlierValid.id(), earlierValid.type(), earlierValid.customerId(),
                        earlierValid.accountId(), path, null));
                continue;
            }
            int n = unique.size();
            long account = 1 + (n * 37L) % 300;
            long customer = 1 + account % 3;
            Sent sent;
            if (n % 100 == 50) {
                long other = 1 + (customer % 3);
                sent = new Sent("ev-" + n, TYPES.get(n % 4), other, account, path,
                        "account_id: account " + account + " does not belong to customer " + other);
            }
            else {
                sent = new Sent("ev-" + n, TYPES.get(n % 4), customer, n % 97 == 0 ? null : account, path, null);
            }
            unique.add(sent);
            stream.add(sent);
        }
        processing.start();

        // when
        Instant start = Instant.now();
        List<Sent> httpBatch = new ArrayList<>();
        List<String> httpRefusals = new ArrayList<>();
        for (Sent sent : stream) {
            switch (sent.path()) {
                case "outbox" -> outbox(sent.id(), sent.type(), sent.customerId(), sent.accountId());
                case "amqp" -> rabbit.convertAndSend("", properties.amqp().queue(), sent.json());
                default -> {
                    if (sent.problem() != null) {
                        Answer refused = post("/api/events", sent.json());
                        httpRefusals.add(refused.status() + " " + refused.json().get("problems").get(0).get("field")
                                .asString() + ": " + refused.json().get("problems").get(0).get("problem").asString());
                    }
                    else {
                        httpBatch.add(sent);
                        if (httpBatch.size() == 50) {
                            postAll(httpBatch);
                        }
                    }
                }
            }
        }
        postAll(httpBatch);
        Duration burst = Duration.between(start, Instant.now());
        long validCount = unique.stream().filter(sent -> sent.problem() == null).count();
        await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_events WHERE status = 'done'", Long.class) == validCount
                && runs.runningHere().isEmpty());

        // then every valid event is done with a completed run, and stored once
        assertThat(jdbc.queryForList("""
                SELECT e.event_id FROM snapshot_events e
                JOIN batch_job_execution x ON x.job_execution_id = e.job_execution_id AND x.status = 'COMPLETED'
                JOIN snapshot_event_batches b ON b.batch_id = e.batch_id AND b.status = 'done'
                WHERE e.status = 'done' ORDER BY e.event_id""", String.class))
                .containsExactlyElementsOf(new TreeSet<>(unique.stream().filter(sent -> sent.problem() == null)
                        .map(Sent::id).toList()));
        // the invalid ones: rejected with the reason (outbox, RabbitMQ) or refused (HTTP), none stored twice
        List<Sent> invalid = unique.stream().filter(sent -> sent.problem() != null).toList();
        assertThat(invalid).hasSize(18);
        assertThat(rows("SELECT event_id, problem FROM snapshot_events WHERE status = 'rejected' ORDER BY event_id"))
                .containsExactlyElementsOf(invalid.stream().filter(sent -> !sent.path().equals("http"))
                        .sorted(java.util.Comparator.comparing(Sent::id))
                        .map(sent -> Map.<String, Object>of("event_id", sent.id(), "problem", sent.problem())).toList());
        assertThat(httpRefusals).containsExactlyElementsOf(invalid.stream().filter(sent -> sent.path().equals("http"))
                .map(sent -> "400 " + sent.problem()).toList());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_events", Long.class))
                .isEqualTo(unique.stream().filter(sent -> sent.problem() == null || !sent.path().equals("http"))
                        .count());
        assertThat(deadLetterReasons()).containsExactlyInAnyOrderElementsOf(invalid.stream()
                .filter(sent -> sent.path().equals("amqp")).map(Sent::problem).toList());
        // every account an event named (or the customer of one) has a snapshot, at most one per batch
        assertThat(jdbc.queryForList("SELECT DISTINCT account_id FROM account_snapshots ORDER BY account_id",
                Long.class)).containsExactlyElementsOf(accountsNamed(unique));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT job_execution_id, account_id FROM account_snapshots
                                      GROUP BY job_execution_id, account_id HAVING count(*) > 1) twice""",
                Integer.class)).isZero();
        long runCount = jdbc.queryForObject("SELECT count(DISTINCT job_execution_id) FROM snapshot_event_batches",
                Long.class);
        long windows = (burst.toMillis() + properties.maxDelay().toMillis() - 1) / properties.maxDelay().toMillis();
        assertThat(runCount).isBetween(4L, 4 * (windows + 1));
    }

    private void postAll(List<Sent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Answer answer = post("/api/events", "[" + String.join(",", batch.stream().map(Sent::json).toList()) + "]");
        assertThat(answer.status()).isEqualTo(202);
        batch.clear();
    }

    private List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        Message message;
        while ((message = rabbit.receive(properties.amqp().deadLetterQueue(), 1000)) != null) {
            reasons.add(String.valueOf(message.getMessageProperties().getHeaders().get(EventQueue.REASON_HEADER)));
        }
        return reasons;
    }

    private List<Long> accountsNamed(List<Sent> events) {
        Set<Long> accounts = new TreeSet<>();
        for (Sent sent : events) {
            if (sent.problem() != null) {
                continue;
            }
            if (sent.accountId() != null) {
                accounts.add(sent.accountId());
            }
            else {
                for (long id = 1; id <= 300; id++) {
                    if (1 + id % 3 == sent.customerId()) {
                        accounts.add(id);
                    }
                }
            }
        }
        return List.copyOf(accounts);
    }
}
