package com.accountsnapshot.cli;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The process's one shutdown hook (SIGTERM, Ctrl-C, or the end of the command). While a command that can stop
 * gracefully is going, it first asks the command to stop (a run after its current chunk, a worker by handing its
 * partitions over), waits for the command's own end, then closes the application and exits with the command's
 * exit code (1 for a stopped run, 0 for a worker that handed over). Without such a command it closes the
 * application: runs going in it are stopped after their current chunk as it closes.
 * <p>
 * Spring Boot's own shutdown hook is off, so that the application closes after the command has ended, not under
 * it. The JVM does not say which signal started its shutdown: messages name SIGTERM, the one process managers
 * send. A hook cannot end the process with {@code System.exit} (it would wait for the hooks, itself included), so
 * the exit code is set with {@link Runtime#halt} once everything is closed.
 */
final class CommandShutdown {

    /** How the shutdown is named in what the commands print. */
    static final String SIGNAL = "SIGTERM";

    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    private volatile @Nullable Runnable stopCommand;

    private volatile @Nullable ConfigurableApplicationContext application;

    void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "account-snapshot-shutdown"));
    }

    void started(ConfigurableApplicationContext application) {
        this.application = application;
    }

    /** From now on a shutdown calls {@code stop}, then waits for the command's exit code. */
    void onShutdown(Runnable stop) {
        this.stopCommand = stop;
    }

    /** The command has ended with this exit code; the process exits with it. */
    int ended(int code) {
        exitCode.complete(code);
        return code;
    }

    private void shutDown() {
        Runnable stop = stopCommand;
        if (stop != null && !exitCode.isDone()) {
            stop.run();
            int code = exitCode.join();
            close();
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        close();
    }

    private void close() {
        ConfigurableApplicationContext context = application;
        if (context != null) {
            context.close();
        }
    }
}
