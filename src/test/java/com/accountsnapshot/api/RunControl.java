package com.accountsnapshot.api;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.accountsnapshot.ChunkStepListeners;
import com.accountsnapshot.snapshot.AccountSnapshot;

import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Steers a run from a test, inside the chunk holding a chosen account, after its rows were inserted and
 * before the commit: fail it once (like {@code RestartTest}), or hold it there until released, so that the run
 * is certainly going while the test calls the API.
 */
class RunControl implements ChunkStepListeners.Hook {

    private volatile long failAt = -1;

    private volatile long holdAt = -1;

    private volatile CountDownLatch held = new CountDownLatch(1);

    private volatile CountDownLatch released = new CountDownLatch(1);

    private final AtomicBoolean failOnce = new AtomicBoolean();

    void failOnceAfterWriting(long accountId) {
        failAt = accountId;
        failOnce.set(true);
    }

    void holdAfterWriting(long accountId) {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        holdAt = accountId;
    }

    /** Waits until the run holds in the chosen chunk. */
    void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the run did not reach account " + holdAt);
        }
    }

    void release() {
        holdAt = -1;
        released.countDown();
    }

    /** Disarms everything and lets a held run go on. */
    void reset() {
        failOnce.set(false);
        release();
    }

    @Override
    public void afterWrite(Chunk<? extends AccountSnapshot> items) {
        if (contains(items, failAt) && failOnce.getAndSet(false)) {
            throw new IllegalStateException("injected failure after writing account " + failAt);
        }
        if (contains(items, holdAt)) {
            held.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean contains(Chunk<? extends AccountSnapshot> items, long accountId) {
        return items.getItems().stream().anyMatch(item -> item.accountId() == accountId);
    }
}
