package com.accountsnapshot.run;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * The job operator's task executor: every run gets a thread of its own, so a launch returns as soon as its
 * execution exists. A launch made through {@link #launch} also learns when its run's thread has finished,
 * final job repository update included.
 */
public class RunExecutor implements TaskExecutor {

    private final SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("snapshot-run-");

    private final ThreadLocal<CompletableFuture<Void>> handoff = new ThreadLocal<>();

    /** What a launch returned, and a future that completes when the run it started has ended. */
    public record Launched<T>(T result, CompletableFuture<Void> ended) {
    }

    /**
     * Calls {@code launch} (a job operator start or restart) on this thread and ties the task it submits to
     * the returned future.
     */
    public <T> Launched<T> launch(Callable<T> launch) throws Exception {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        handoff.set(ended);
        try {
            return new Launched<>(launch.call(), ended);
        }
        finally {
            handoff.remove();
        }
    }

    @Override
    public void execute(Runnable task) {
        @Nullable CompletableFuture<Void> ended = handoff.get();
        handoff.remove();
        threads.execute(() -> {
            try {
                task.run();
            }
            finally {
                if (ended != null) {
                    ended.complete(null);
                }
            }
        });
    }
}
