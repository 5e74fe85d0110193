package com.accountsnapshot.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Worker processes of the product on this machine: {@code java -jar <jar> worker ARGS}, each a JVM of its own
 * with the heap limit of this one, its standard output and error in a log file of its own (kept, and named,
 * when a worker fails; deleted when they are stopped after a good run). Closing stops them: SIGTERM, then,
 * for any still alive after {@link #STOP_TIMEOUT}, SIGKILL. A shutdown hook stops them too if this JVM ends
 * first (e.g. the benchmark is interrupted), so no worker outlives it.
 */
final class RemoteWorkers implements AutoCloseable {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);

    private final List<Process> processes = new ArrayList<>();

    private final List<Path> logs = new ArrayList<>();

    private final Thread stopOnExit = new Thread(this::terminateAll, "benchmark-workers-stop");

    private boolean keepLogs;

    /**
     * Starts {@code count} workers of {@code jar} with the given arguments, and environment variables added to
     * this process's (secrets such as passwords travel there, not on command lines others can list).
     */
    static RemoteWorkers start(Path jar, int count, List<String> arguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        RemoteWorkers workers = new RemoteWorkers();
        Runtime.getRuntime().addShutdownHook(workers.stopOnExit);
        try {
            for (int i = 1; i <= count; i++) {
                List<String> command = new ArrayList<>(List.of(javaBinary()));
                command.addAll(heapLimit());
                command.addAll(List.of("-jar", jar.toString(), "worker"));
                command.addAll(arguments);
                Path log = Files.createTempFile("account-snapshot-benchmark-worker-" + i + "-", ".log");
                workers.logs.add(log);
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(environment);
                workers.processes.add(builder.start());
            }
            return workers;
        }
        catch (IOException | RuntimeException ex) {
            workers.close();
            throw ex;
        }
    }

    /**
     * Waits until {@code listening} reports at least {@code consumers} (e.g. the consumers on the workers'
     * queue), polling every 200 ms.
     *
     * @throws IllegalStateException when a worker exits meanwhile, or after {@code timeout}, with the end of
     *     its log (of each worker's, on timeout)
     */
    void awaitListening(IntSupplier listening, int consumers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (listening.getAsInt() < consumers) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw failure("worker " + (i + 1) + " exited with code " + processes.get(i).exitValue()
                            + " before listening", List.of(logs.get(i)));
                }
            }
            if (System.nanoTime() > deadline) {
                throw failure("the workers were not all listening after " + timeout.toSeconds() + " s", logs);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The process ids, in start order. */
    List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** Keeps the log files when the workers are stopped (their run went wrong). */
    void keepLogs() {
        keepLogs = true;
    }

    List<Path> logs() {
        return List.copyOf(logs);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        catch (IllegalStateException ex) {
            // this JVM is shutting down: the hook stops them
        }
        terminateAll();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Process process : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (!keepLogs) {
            for (Path log : logs) {
                Files.deleteIfExists(log);
            }
        }
    }

    private void terminateAll() {
        processes.forEach(Process::destroy);
    }

    private IllegalStateException failure(String message, List<Path> shown) {
        keepLogs();
        StringBuilder text = new StringBuilder(message);
        for (Path log : shown) {
            text.append("\n").append(log).append(" ends:\n").append(tail(log));
        }
        return new IllegalStateException(text.toString());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** This JVM's maximum heap option, if it was given one: each worker gets the same. */
    static List<String> heapLimit() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-Xmx"))
                .reduce((first, last) -> last)
                .map(List::of)
                .orElse(List.of());
    }

    static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
