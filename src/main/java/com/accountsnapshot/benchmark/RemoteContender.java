package com.accountsnapshot.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.system.ApplicationHome;

/**
 * Contender e: the product's job as a remote-partitioning manager ({@code account-snapshot.remote.enabled=true})
 * in a measured application context like a and b, its partitions run by worker processes of the same jar on
 * this machine, over the RabbitMQ the product is configured with ({@code spring.rabbitmq.*}), through a queue of
 * its own that is deleted afterwards. The workers are started, and listening on the queue, before the clock
 * starts, so their JVMs' start-up is not measured; they are stopped after the run, whatever its outcome.
 */
final class RemoteContender {

    static final String NAME = "job-remote";

    static final String QUEUE_PREFIX = "account-snapshot.benchmark.";

    /** Partitions each worker runs at once: the workers, not threads within them, are what e varies. */
    static final int WORKER_CONCURRENCY = 1;

    /** How often the manager reads its partitions' progress (the product's default, 1 s, would round e up). */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** JVM start-up of several workers on a busy machine takes a while; beyond this something is wrong. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final JobContender job;

    private final RabbitConnectionDetails broker;

    private final Map<String, String> databaseProperties;

    private final Map<String, String> brokerProperties;

    /**
     * @param databaseProperties the properties that point another process at the benchmark's database
     * @param brokerProperties the {@code spring.rabbitmq.*} properties this process was given, passed on to the
     *     manager's context and the workers (which inherit this process's environment as well)
     */
    RemoteContender(JobContender job, RabbitConnectionDetails broker, Map<String, String> databaseProperties,
            Map<String, String> brokerProperties) {
        this.job = job;
        this.broker = broker;
        this.databaseProperties = databaseProperties;
        this.brokerProperties = brokerProperties;
    }

    /** Why e cannot run here, or empty when it can: no workers asked for, no jar to start them from, no broker. */
    static Optional<String> skipReason(int workers, Optional<Path> jar, RabbitConnectionDetails broker) {
        if (workers == 0) {
            return Optional.of("--workers=0");
        }
        if (jar.isEmpty()) {
            return Optional.of("not run from a jar (its workers are started as java -jar <this jar> worker); "
                    + "this benchmark runs from " + codeSource());
        }
        RabbitConnectionDetails.Address address = broker.getFirstAddress();
        String at = address.host() + ":" + address.port();
        if (!answers(address)) {
            return Optional.of("no RabbitMQ broker at " + at + " (spring.rabbitmq.host and port, or "
                    + "SPRING_RABBITMQ_HOST and SPRING_RABBITMQ_PORT)");
        }
        CachingConnectionFactory connections = connectionFactory(broker);
        try (Connection ignored = connections.createConnection()) {
            return Optional.empty();
        }
        catch (AmqpException ex) {
            return Optional.of("RabbitMQ at " + at + " refused the connection: " + ex.getMessage());
        }
        finally {
            connections.destroy();
        }
    }

    /** The jar this process runs from ({@code java -jar}), if it runs from one. */
    static Optional<Path> runningJar() {
        File source = new ApplicationHome(Benchmark.class).getSource();
        return source != null && source.isFile() && source.getName().endsWith(".jar")
                ? Optional.of(source.toPath()) : Optional.empty();
    }

    /** Starts the workers, measures the manager's run, stops the workers and deletes the queue. */
    Measurement measure(Instant asOf, int workerCount, Path jar, PrintStream out) throws Exception {
        String queue = QUEUE_PREFIX + UUID.randomUUID();
        int consumers = workerCount * WORKER_CONCURRENCY;
        // at least one partition per worker thread, so that every worker has one to run
        int grid = Math.max(Runtime.getRuntime().availableProcessors(), consumers);
        CachingConnectionFactory connections = connectionFactory(broker);
        RabbitAdmin admin = new RabbitAdmin(connections);
        try {
            admin.declareQueue(new Queue(queue, true));
            long starting = System.nanoTime();
            try (RemoteWorkers workers = RemoteWorkers.start(jar, workerCount, workerArguments(queue),
                    workerEnvironment())) {
                workers.awaitListening(() -> consumers(admin, queue), consumers, START_TIMEOUT);
                Benchmark.print(out, "e: %d workers (pids %s) of %s listening on queue %s after %.1f s (not "
                        + "measured)", workerCount, workers.pids().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")), jar, queue, (System.nanoTime() - starting) / 1e9);
                JobContender.JobRun run;
                try {
                    run = job.run(asOf, managerProperties(queue, grid));
                }
                catch (Exception | Error ex) {
                    workers.keepLogs();
                    throw new IllegalStateException("e: the remote run failed; the workers' output is in "
                            + workers.logs(), ex);
                }
                return measurement(run, workers.pids(), grid);
            }
        }
        finally {
            try {
                admin.deleteQueue(queue);
            }
            catch (AmqpException ex) {
                Benchmark.print(out, "e: could not delete queue %s: %s", queue, ex.getMessage());
            }
            connections.destroy();
        }
    }

    private Measurement measurement(JobContender.JobRun run, List<Long> pids, int grid) {
        String partitions = pids.stream()
                .map(pid -> run.partitionsByWorker().entrySet().stream()
                        .filter(worker -> worker.getKey().startsWith(pid + "@"))
                        .mapToLong(Map.Entry::getValue)
                        .sum())
                .map(String::valueOf)
                .collect(Collectors.joining(","));
        return new Measurement("e", NAME, run.accounts(), run.seconds(), run.peakHeapBytes(), String.format(
                Locale.ROOT, "workers=%d worker_concurrency=%d grid=%d poll_interval_ms=%d chunks=%d "
                        + "step_executions=%d worker_partitions=%s", pids.size(), WORKER_CONCURRENCY, grid,
                POLL_INTERVAL.toMillis(), run.commits(), run.stepExecutions(), partitions));
    }

    private Map<String, String> managerProperties(String queue, int grid) {
        Map<String, String> properties = new LinkedHashMap<>(brokerProperties);
        properties.put("account-snapshot.remote.enabled", "true");
        properties.put("account-snapshot.remote.queue", queue);
        properties.put("account-snapshot.remote.poll-interval", POLL_INTERVAL.toMillis() + "ms");
        properties.put("account-snapshot.job.threads", Integer.toString(grid));
        return properties;
    }

    /** The database and broker as arguments, but their passwords and URLs, which go in the environment. */
    private List<String> workerArguments(String queue) {
        List<String> arguments = new ArrayList<>();
        forwarded().forEach((name, value) -> {
            if (!isSecret(name)) {
                arguments.add("--" + name + "=" + value);
            }
        });
        arguments.add("--account-snapshot.remote.queue=" + queue);
        arguments.add("--account-snapshot.remote.worker-concurrency=" + WORKER_CONCURRENCY);
        return arguments;
    }

    /** {@code spring.datasource.password} as {@code SPRING_DATASOURCE_PASSWORD}, and so on. */
    private Map<String, String> workerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        forwarded().forEach((name, value) -> {
            if (isSecret(name)) {
                environment.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value);
            }
        });
        return environment;
    }

    private Map<String, String> forwarded() {
        Map<String, String> properties = new LinkedHashMap<>(databaseProperties);
        properties.putAll(brokerProperties);
        return properties;
    }

    /**
     * Passwords, and the addresses that may embed one ({@code jdbc:postgresql://h/db?password=...},
     * {@code amqp://user:pw@host}), travel in the environment only.
     */
    static boolean isSecret(String property) {
        return property.endsWith(".password") || property.endsWith(".url") || property.endsWith(".addresses");
    }

    private static int consumers(RabbitAdmin admin, String queue) {
        QueueInformation information = admin.getQueueInfo(queue);
        return information == null ? 0 : information.getConsumerCount();
    }

    static CachingConnectionFactory connectionFactory(RabbitConnectionDetails broker) {
        RabbitConnectionDetails.Address address = broker.getFirstAddress();
        CachingConnectionFactory connections = new CachingConnectionFactory(address.host(), address.port());
        connections.setUsername(broker.getUsername());
        connections.setPassword(broker.getPassword());
        if (broker.getVirtualHost() != null) {
            connections.setVirtualHost(broker.getVirtualHost());
        }
        connections.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        return connections;
    }

    private static boolean answers(RabbitConnectionDetails.Address address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MILLIS);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Where this class was loaded from: a directory (as in the IDE or the tests) or a jar. */
    private static String codeSource() {
        URL location = Benchmark.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            return "file".equals(location.getProtocol()) ? Path.of(location.toURI()).toString() : location.toString();
        }
        catch (URISyntaxException ex) {
            return location.toString();
        }
    }
}
