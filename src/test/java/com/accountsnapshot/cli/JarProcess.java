package com.accountsnapshot.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.accountsnapshot.TestDatabase;

/**
 * The packaged jar run as a real process against the test database: {@code java -jar
 * target/account-snapshot.jar ARGS}, with standard output and error captured to files.
 */
public final class JarProcess {

    private static final Path JAR = Path.of("target", "account-snapshot.jar");

    private final Process process;

    private final Path out;

    private final Path err;

    private JarProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    public static JarProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Starts the jar against another database than the test database. */
    public static JarProcess startOn(String url, String username, String... args) throws IOException {
        return start(Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", username), args);
    }

    /**
     * Runs the jar to its end as on a fresh machine: {@code home} as the user's home, no database configured (so
     * that the application, if it started, would start the embedded PostgreSQL under {@code home}).
     */
    public static JarProcess runWithoutDatabase(Path home, String... args) throws Exception {
        ProcessBuilder builder = builder(List.of("-Duser.home=" + home), args);
        builder.environment().remove("SPRING_DATASOURCE_URL");
        builder.environment().remove("SPRING_DATASOURCE_USERNAME");
        builder.environment().remove("SPRING_DATASOURCE_PASSWORD");
        JarProcess process = start(builder);
        process.awaitExit(Duration.ofMinutes(3));
        return process;
    }

    private static ProcessBuilder builder(List<String> jvmOptions, String... args) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw verify (it packages before these tests)");
        }
        // C1 only and the serial collector: these processes are short, and start-up dominates on 2 cores
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static JarProcess start(ProcessBuilder builder) throws IOException {
        Path out = Files.createTempFile("account-snapshot-out", ".txt");
        Path err = Files.createTempFile("account-snapshot-err", ".txt");
        return new JarProcess(builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    /** Starts the jar with these environment variables added to the test database's. */
    public static JarProcess start(Map<String, String> environment, String... args) throws IOException {
        ProcessBuilder builder = builder(List.of(), args);
        builder.environment().put("SPRING_DATASOURCE_URL", TestDatabase.url());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.username());
        builder.environment().putAll(environment);
        return start(builder);
    }

    /** Runs the jar to its end with these environment variables added to the test database's. */
    public static JarProcess run(Map<String, String> environment, String... args) throws Exception {
        JarProcess process = start(environment, args);
        process.awaitExit(Duration.ofMinutes(3));
        return process;
    }

    /** Runs the jar to its end and returns its exit code. */
    public static JarProcess run(String... args) throws Exception {
        JarProcess process = start(args);
        process.awaitExit(Duration.ofMinutes(3));
        return process;
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("process did not exit within " + timeout + "; output:\n" + out());
        }
        return process.exitValue();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, without any shutdown hook. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the process runs its shutdown hooks. */
    public void terminate() {
        process.destroy();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
