package com.accountsnapshot.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar <jar> serve ARGS} on this machine, as the events benchmark measures it: a JVM of its own with
 * this one's heap limit, on a free port it reports once it serves, its output in a log file (kept, and named, when
 * it fails; deleted after a good run). Closing stops it: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}; a
 * shutdown hook does the same if this JVM ends first.
 */
final class ServeProcess implements AutoCloseable {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** What {@code serve} prints once its web server and event processing have started. */
    private static final Pattern SERVING = Pattern.compile("Serving the HTTP API on port ([0-9]+)");

    private final Process process;

    private final Path log;

    private final Thread stopOnExit;

    private boolean keepLog;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(process::destroy, "benchmark-serve-stop");
    }

    /**
     * Starts serve with the arguments (on port 0) and environment variables added to this process's (secrets travel
     * there, not on a command line others can list).
     */
    static ServeProcess start(Path jar, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(RemoteWorkers.javaBinary()));
        command.addAll(RemoteWorkers.heapLimit());
        command.addAll(List.of("-jar", jar.toString(), "serve", "--server.port=0"));
        command.addAll(arguments);
        Path log = Files.createTempFile("account-snapshot-benchmark-serve-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        ServeProcess serve = new ServeProcess(builder.start(), log);
        Runtime.getRuntime().addShutdownHook(serve.stopOnExit);
        return serve;
    }

    /**
     * Waits until serve says it serves, polling its log every 200 ms; returns its HTTP port.
     *
     * @throws IllegalStateException when it exits first, or after {@code timeout}, with the end of its log
     */
    int awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher serving = SERVING.matcher(read(log));
            if (serving.find()) {
                return Integer.parseInt(serving.group(1));
            }
            if (!process.isAlive()) {
                throw failure("serve exited with code " + process.exitValue() + " before serving");
            }
            if (System.nanoTime() > deadline) {
                throw failure("serve was not serving after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    /** Fails, with the end of serve's log, when serve is no longer running. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw failure("serve exited with code " + process.exitValue());
        }
    }

    long pid() {
        return process.pid();
    }

    /** Keeps the log file when serve is stopped (something went wrong). */
    void keepLog() {
        keepLog = true;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        catch (IllegalStateException ex) {
            // this JVM is shutting down: the hook stops it
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (!keepLog) {
            Files.deleteIfExists(log);
        }
    }

    private IllegalStateException failure(String message) {
        keepLog();
        String text = read(log);
        List<String> lines = text.lines().toList();
        return new IllegalStateException(message + "\n" + log + " ends:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
