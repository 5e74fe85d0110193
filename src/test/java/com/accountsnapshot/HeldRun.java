package com.accountsnapshot;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.accountsnapshot.snapshot.AccountSnapshot;

import org.springframework.batch.infrastructure.item.Chunk;

/** Holds a run in the chunk holding a chosen account, before its commit, until released: a run that is going. */
public class HeldRun implements ChunkStepListeners.Hook {

    private volatile long holdAt = -1;

    private volatile CountDownLatch held = new CountDownLatch(1);

    private volatile CountDownLatch released = new CountDownLatch(1);

    public void holdAfterWriting(long accountId) {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        holdAt = accountId;
    }

    public void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the run did not reach account " + holdAt);
        }
    }

    public void release() {
        holdAt = -1;
        released.countDown();
    }

    @Override
    public void afterWrite(Chunk<? extends AccountSnapshot> items) {
        if (items.getItems().stream().anyMatch(item -> item.accountId() == holdAt)) {
            held.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
