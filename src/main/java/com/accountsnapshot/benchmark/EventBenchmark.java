package com.accountsnapshot.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

import com.accountsnapshot.demo.DemoPortfolio;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.run.SnapshotMaintenance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The events benchmark (docs/performance.md): on the database it is pointed at, generates a fresh portfolio, then
 * measures, with {@code serve} processes of the running jar on this machine,
 * <ul>
 * <li>how many events per second each way in accepts: outbox inserts, RabbitMQ messages (until serve's consumer
 * has committed them) and {@code POST /api/events} (arrays of 1,000 events, and one event per request), in a serve
 * that cuts nothing meanwhile;</li>
 * <li>for each quiet period asked for, in a serve of its own, with every other setting at its default: a burst of
 * outbox events on random accounts of the portfolio (each customer's accounts get events of one type), inserted
 * 1,000 a transaction, and the latency from each event's commit to the commit of its account's snapshot by the
 * run that served it (p50, p99, max).</li>
 * </ul>
 * Times are the database's clock: read right after an event's transaction committed, and at the start of the first
 * 100 ms poll that saw its snapshot. Its last line is
 * {@code events_per_s outbox=.. outbox_batch=.. amqp=.. http=.. http_single=.. latency_p50_s <quiet>=.. ...}.
 */
@Component
public class EventBenchmark {

    /** Each customer's events are of one type, so that no batch's run is filtered by another's cooldown. */
    static final List<String> TYPES = List.of("KPI_DATA_UPLOADED", "HEALTH_SCORES_UPDATED", "ACCOUNT_DATA_CHANGED",
            "PLAYBOOK_EXECUTION_COMPLETED");

    static final int EVENTS_PER_REQUEST = 1_000;

    static final int EVENTS_PER_TRANSACTION = 1_000;

    static final int SINGLE_REQUESTS = 1_000;

    static final Duration POLL = Duration.ofMillis(100);

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final String USER = "benchmark";

    private static final String BURST_PREFIX = "burst-";

    private static final String INSERT_OUTBOX = """
            INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at)
            VALUES (?, ?, ?, ?, now()) ON CONFLICT (event_id) DO NOTHING""";

    private static final String CLEAN = """
            TRUNCATE account_snapshots, snapshot_run_issues, snapshot_events, snapshot_event_batch_accounts,
                     snapshot_event_batches, snapshot_run_leases, batch_step_execution_context, batch_step_execution,
                     batch_job_execution_context, batch_job_execution_params, batch_job_execution,
                     batch_job_instance""";

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final DemoPortfolioGenerator generator;

    private final Environment environment;

    private final RabbitConnectionDetails broker;

    private final JsonMapper json = JsonMapper.builder().build();

    private final SnapshotMaintenance maintenance;

    EventBenchmark(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DemoPortfolioGenerator generator,
            Environment environment, RabbitConnectionDetails broker, SnapshotMaintenance maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
        this.transactions = new TransactionTemplate(transactionManager);
        this.generator = generator;
        this.environment = environment;
        this.broker = broker;
    }

    /** Empties the snapshots, events and job metadata of the benchmark's own database (audited maintenance). */
    private void clean() {
        maintenance.run(BenchmarkDatabase.CLEANUP, "the events benchmark's snapshots, events and runs",
                () -> jdbc.execute(CLEAN));
    }

    /** An account and its customer, and the type of the events the benchmark sends for it. */
    record Target(long accountId, long customerId, String type) {
    }

    /**
     * Runs the whole events benchmark, printing each phase as it ends.
     *
     * @throws IllegalArgumentException when not run from the jar, or the database holds data and {@code reset} is
     *     not given
     */
    public void run(EventBenchmarkOptions options, PrintStream out) throws Exception {
        Path jar = RemoteContender.runningJar().orElseThrow(() -> new IllegalArgumentException("the events "
                + "benchmark starts serve as java -jar <this jar> serve: run it from the jar"));
        BenchmarkDatabase database = new BenchmarkDatabase(jdbc, maintenance);
        Benchmark.print(out, "events benchmark: %d accounts (seed %d), %d events on each way in and in each burst; "
                + "PostgreSQL %s, %d cores, serve from %s", options.accounts(), options.seed(), options.events(),
                database.serverVersion(), Runtime.getRuntime().availableProcessors(), jar);
        prepare(options, database, out);
        List<Target> targets = jdbc.query("SELECT account_id, customer_id FROM accounts ORDER BY account_id",
                (rs, n) -> new Target(rs.getLong(1), rs.getLong(2), TYPES.get((int) (rs.getLong(2) % TYPES.size()))));

        Optional<String> amqpSkipped = RemoteContender.skipReason(1, Optional.of(jar), broker);
        amqpSkipped.ifPresent(reason -> Benchmark.print(out, "amqp skipped: %s", reason));
        Map<String, Double> intake = measureIntake(jar, options, targets, amqpSkipped.isEmpty(), out);

        Random random = new Random(options.seed());
        Map<String, Double> p50 = new LinkedHashMap<>();
        for (Optional<Duration> quietPeriod : options.quietPeriods()) {
            String label = quietPeriod.map(EventBenchmark::text).orElse("default");
            p50.put(label, measureBurst(jar, options.events(), targets, random, quietPeriod, label, out));
        }
        StringBuilder last = new StringBuilder("events_per_s");
        intake.forEach((path, rate) -> last.append(String.format(Locale.ROOT, " %s=%.2f", path, rate)));
        last.append(" latency_p50_s");
        p50.forEach((label, seconds) -> last.append(String.format(Locale.ROOT, " %s=%.2f", label, seconds)));
        Benchmark.print(out, "%s", last);
    }

    private void prepare(EventBenchmarkOptions options, BenchmarkDatabase database, PrintStream out) {
        Long events = jdbc.queryForObject("SELECT count(*) FROM snapshot_events", Long.class);
        if (events != null && events > 0 && !options.reset()) {
            throw new IllegalArgumentException("the database already holds " + events + " events; give --reset to "
                    + "TRUNCATE the source tables, snapshots, events and job metadata first, or point it at another "
                    + "database");
        }
        database.prepareEmpty(options.reset());
        if (options.reset()) {
            clean();
            Benchmark.print(out, "prepare: --reset: emptied the source tables, snapshots, issues, events and job "
                    + "metadata");
        }
        long started = System.nanoTime();
        DemoPortfolio portfolio = generator.generate(options.accounts(), options.seed());
        database.vacuum();
        Long customers = jdbc.queryForObject("SELECT count(DISTINCT customer_id) FROM accounts", Long.class);
        Benchmark.print(out, "prepare: generated %d accounts of %d customers in %.1f s", portfolio.accounts(),
                customers, since(started));
    }

    /** The events per second of each way in, in a serve that ticks once, at its start, and so cuts nothing. */
    private Map<String, Double> measureIntake(Path jar, EventBenchmarkOptions options, List<Target> targets,
            boolean amqp, PrintStream out) throws Exception {
        String password = UUID.randomUUID().toString();
        String queue = "account-snapshot.benchmark.events." + UUID.randomUUID();
        List<String> arguments = new ArrayList<>(serveArguments());
        arguments.add("--account-snapshot.events.poll-interval=1h");
        arguments.add("--account-snapshot.events.amqp.enabled=" + amqp);
        arguments.add("--account-snapshot.events.amqp.queue=" + queue);
        arguments.add("--account-snapshot.events.amqp.dead-letter-queue=" + queue + ".dlq");
        arguments.add("--account-snapshot.security.users." + USER + ".roles=OPERATOR");
        Map<String, String> environment = serveEnvironment();
        environment.put("ACCOUNT_SNAPSHOT_SECURITY_USERS_" + USER.toUpperCase(Locale.ROOT) + "_PASSWORD",
                "{noop}" + password);
        CachingConnectionFactory connections = amqp ? RemoteContender.connectionFactory(broker) : null;
        Map<String, Double> rates = new LinkedHashMap<>();
        long starting = System.nanoTime();
        try (ServeProcess serve = ServeProcess.start(jar, arguments, environment)) {
            int port;
            try {
                if (connections != null) {
                    RabbitAdmin admin = new RabbitAdmin(connections);
                    admin.declareQueue(QueueBuilder.durable(queue).build());
                    admin.declareQueue(QueueBuilder.durable(queue + ".dlq").build());
                }
                port = serve.awaitServing(START_TIMEOUT);
                Benchmark.print(out, "intake: serve (pid %d, port %d, cutting nothing: poll-interval 1h) serving "
                        + "after %.1f s (not measured)", serve.pid(), port, since(starting));
                int n = options.events();
                rates.put("outbox", intakeLine(out, "outbox", n, outbox("outbox-", n, targets),
                        "one INSERT ... ON CONFLICT DO NOTHING per transaction, on one connection"));
                rates.put("outbox_batch", intakeLine(out, "outbox-batch", n, outboxBatches("batch-", n,
                        i -> targets.get(i % targets.size()), new Instant[n]), "the same, " + EVENTS_PER_TRANSACTION
                        + " events a transaction, as an upload's transaction holds its accounts' events"));
                if (connections != null) {
                    rates.put("amqp", intakeLine(out, "amqp", n, amqp(connections, queue, n, targets, serve),
                            "from the first message published to the last event committed by serve's consumer"));
                }
                HttpClient http = HttpClient.newHttpClient();
                String authorization = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                        .getBytes(StandardCharsets.UTF_8));
                URI events = URI.create("http://127.0.0.1:" + port + "/api/events");
                rates.put("http", intakeLine(out, "http", n, http(http, events, authorization, "http-", n,
                        EVENTS_PER_REQUEST, targets), "POST /api/events, " + EVENTS_PER_REQUEST + " events a "
                        + "request, one request at a time"));
                int single = Math.min(n, SINGLE_REQUESTS);
                rates.put("http_single", intakeLine(out, "http-single", single, http(http, events, authorization,
                        "single-", single, 1, targets), "POST /api/events, one event a request, one at a time"));
                serve.requireAlive();
                Long cut = jdbc.queryForObject("SELECT count(*) FROM snapshot_events WHERE status <> 'pending'",
                        Long.class);
                if (cut != null && cut > 0) {
                    throw new IllegalStateException(cut + " intake events were not left pending: the intake serve "
                            + "cut them");
                }
            }
            catch (Exception | Error ex) {
                serve.keepLog();
                throw new IllegalStateException("intake: " + ex.getMessage() + "; serve's output is in "
                        + serve.log(), ex);
            }
        }
        finally {
            if (connections != null) {
                RabbitAdmin admin = new RabbitAdmin(connections);
                admin.deleteQueue(queue);
                admin.deleteQueue(queue + ".dlq");
                connections.destroy();
            }
        }
        clean();
        return rates;
    }

    private static double intakeLine(PrintStream out, String path, int events, double seconds, String how) {
        double rate = events / seconds;
        Benchmark.print(out, "intake %-12s events=%d seconds=%.2f events_per_s=%.2f (%s)", path, events, seconds,
                rate, how);
        return rate;
    }

    /** Inserts the events one per transaction; returns the seconds taken. */
    private double outbox(String prefix, int events, List<Target> targets) {
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            Target target = targets.get(i % targets.size());
            jdbc.update(INSERT_OUTBOX, prefix + i, target.type(), target.customerId(), target.accountId());
        }
        return since(started);
    }

    /**
     * Inserts the events {@link #EVENTS_PER_TRANSACTION} a transaction, as one JDBC batch each, noting when each
     * event committed on the database's clock; returns the seconds taken.
     */
    private double outboxBatches(String prefix, int events, IntFunction<Target> target,
            Instant[] committed) {
        long started = System.nanoTime();
        for (int from = 0; from < events; from += EVENTS_PER_TRANSACTION) {
            int first = from;
            int last = Math.min(events, from + EVENTS_PER_TRANSACTION);
            List<Object[]> rows = new ArrayList<>();
            for (int i = first; i < last; i++) {
                Target of = target.apply(i);
                rows.add(new Object[] {prefix + i, of.type(), of.customerId(), of.accountId()});
            }
            transactions.executeWithoutResult(status -> jdbc.batchUpdate(INSERT_OUTBOX, rows));
            Instant commit = jdbc.queryForObject("SELECT statement_timestamp()", Timestamp.class).toInstant();
            java.util.Arrays.fill(committed, first, last, commit);
        }
        return since(started);
    }

    /** Publishes the events, then waits until serve has committed them all; returns the seconds from the first. */
    private double amqp(CachingConnectionFactory connections, String queue, int events, List<Target> targets,
            ServeProcess serve) throws InterruptedException {
        RabbitTemplate template = new RabbitTemplate(connections);
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            template.send("", queue, new org.springframework.amqp.core.Message(
                    json.writeValueAsBytes(event("amqp-" + i, targets.get(i % targets.size())))));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count("SELECT count(*) FROM snapshot_events WHERE source = 'amqp'") < events) {
            serve.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("serve had not committed the " + events + " messages after 10 min");
            }
            Thread.sleep(10);
        }
        return since(started);
    }

    /** Posts the events, {@code perRequest} at a time; returns the seconds taken. */
    private double http(HttpClient http, URI uri, String authorization, String prefix, int events, int perRequest,
            List<Target> targets) throws Exception {
        long started = System.nanoTime();
        for (int from = 0; from < events; from += perRequest) {
            List<Map<String, Object>> body = new ArrayList<>();
            for (int i = from; i < Math.min(events, from + perRequest); i++) {
                body.add(event(prefix + i, targets.get(i % targets.size())));
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(perRequest == 1 ? body.get(0)
                            : body))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST /api/events answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        return since(started);
    }

    private static Map<String, Object> event(String eventId, Target target) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", eventId);
        event.put("event_type", target.type());
        event.put("customer_id", target.customerId());
        event.put("account_id", target.accountId());
        event.put("occurred_at", Instant.now().toString());
        return event;
    }

    /**
     * A burst of outbox events on random accounts, in a serve with the given quiet period (every other setting
     * its default); prints the latencies and returns their median in seconds.
     */
    private double measureBurst(Path jar, int events, List<Target> targets, Random random,
            Optional<Duration> quietPeriod, String label, PrintStream out) throws Exception {
        List<String> arguments = new ArrayList<>(serveArguments());
        arguments.add("--account-snapshot.events.amqp.enabled=false");
        quietPeriod.ifPresent(quiet -> arguments.add("--account-snapshot.events.quiet-period=" + text(quiet)));
        long starting = System.nanoTime();
        try (ServeProcess serve = ServeProcess.start(jar, arguments, serveEnvironment())) {
            try {
                int port = serve.awaitServing(START_TIMEOUT);
                Benchmark.print(out, "burst %s: serve (pid %d, port %d, quiet-period %s, the other settings their "
                        + "defaults) serving after %.1f s (not measured)", label, serve.pid(), port,
                        quietPeriod.map(EventBenchmark::text).orElse("default"), since(starting));
                SnapshotWatch watch = new SnapshotWatch(jdbc);
                Instant[] committed = new Instant[events];
                double inserted = outboxBatches(BURST_PREFIX, events,
                        i -> targets.get(random.nextInt(targets.size())), committed);
                awaitServed(events, watch, serve);
                SnapshotWatch.Latencies latencies = watch.latencies(eventId -> committed[Integer.parseInt(
                        eventId.substring(BURST_PREFIX.length()))]);
                Benchmark.print(out, "burst %-10s events=%d inserted_in_s=%.2f accounts=%d batches=%d runs=%d "
                        + "latency_p50_s=%.2f latency_p99_s=%.2f latency_max_s=%.2f without_snapshot=%d", label, events,
                        inserted, count("SELECT count(DISTINCT account_id) FROM snapshot_events"),
                        count("SELECT count(*) FROM snapshot_event_batches"),
                        count("SELECT count(*) FROM batch_job_instance"), latencies.p50(), latencies.p99(),
                        latencies.max(), latencies.withoutSnapshot());
                return latencies.p50();
            }
            catch (Exception | Error ex) {
                serve.keepLog();
                throw new IllegalStateException("burst " + label + ": " + ex.getMessage() + "; serve's output is in "
                        + serve.log(), ex);
            }
        }
        finally {
            clean();
        }
    }

    /** Polls the snapshots every 100 ms until every event of the burst is done (or rejected). */
    private void awaitServed(int events, SnapshotWatch watch, ServeProcess serve) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        int polls = 0;
        while (true) {
            watch.poll();
            if (++polls % 10 == 0) {
                serve.requireAlive();
                if (count("SELECT count(*) FROM snapshot_events WHERE status IN ('done', 'rejected')") >= events) {
                    watch.poll();
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the burst was not served after 20 min");
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The database, and the broker, as the benchmark's own process has them; their secrets not among them. */
    private List<String> serveArguments() {
        List<String> arguments = new ArrayList<>(List.of("--account-snapshot.schedule.enabled=false"));
        forwarded().forEach((name, value) -> {
            if (!RemoteContender.isSecret(name)) {
                arguments.add("--" + name + "=" + value);
            }
        });
        return arguments;
    }

    /** {@code spring.datasource.password} as {@code SPRING_DATASOURCE_PASSWORD}, and so on. */
    private Map<String, String> serveEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>();
        forwarded().forEach((name, value) -> {
            if (RemoteContender.isSecret(name)) {
                variables.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
            }
        });
        return variables;
    }

    private Map<String, String> forwarded() {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(Benchmark.DATABASE_PROPERTIES);
        names.addAll(Benchmark.BROKER_PROPERTIES);
        for (String property : names) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                values.put(property, value);
            }
        }
        return values;
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static double since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
