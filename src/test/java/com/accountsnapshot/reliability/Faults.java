package com.accountsnapshot.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.accountsnapshot.ChunkStepListeners;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only hooks into a running snapshot step: at a chosen {@link Point} of a chosen chunk (numbered from 1
 * in each step execution) an armed {@link Action} runs on the job's own thread: a simulated crash, a hold
 * until the test releases it, or any side effect. Registered on the step as a listener (reads, chunks,
 * writes, the step) and called by {@link FaultyDataSource} before the statements it recognises. Nothing is
 * armed unless a test arms it; {@link #reset} disarms everything. It is a {@link ChunkStepListeners.Hook} bean because
 * {@link ChunkStepListeners} registers those (as listeners of every kind they implement).
 */
class Faults implements ChunkStepListeners.Hook, ItemReadListener<AccountContext>,
        ChunkListener<AccountContext, AccountSnapshot>, StepExecutionListener {

    /** Where in a chunk (or the step) an action can run, in the order a chunk passes them. */
    enum Point {
        /** The chunk's transaction has begun; its first account (and the page it comes from) is not read. */
        BEFORE_FIRST_READ,
        /** The chunk's accounts and their related rows are read; none is calculated. */
        AFTER_READS_BEFORE_PROCESS,
        /** Every account is calculated; the snapshots' COPY (or INSERT) is about to run. */
        BEFORE_SNAPSHOT_INSERT,
        /** The snapshots are inserted; the INSERT of their warnings is about to run. */
        AFTER_SNAPSHOT_INSERT_BEFORE_ISSUE_INSERT,
        /** Snapshots and issues are inserted; the reader position (step execution context) is about to be saved. */
        AFTER_WRITE_BEFORE_CONTEXT_UPDATE,
        /** The reader position is saved; the step execution's counts are about to be saved. */
        AFTER_CONTEXT_UPDATE_BEFORE_STEP_UPDATE,
        /** Everything is written; the transaction is about to commit. */
        BEFORE_COMMIT,
        /** The transaction has committed; its connection is not released yet. */
        AFTER_COMMIT,
        /** The transaction is over; the next chunk has not begun. */
        AFTER_COMMIT_BEFORE_NEXT_CHUNK,
        /** Every chunk is done; the step is about to be marked complete (chunk number: any). */
        AFTER_LAST_CHUNK_BEFORE_STEP_END
    }

    /** Something done at a point, on the job's thread. */
    @FunctionalInterface
    interface Action {
        void run(Point point, int chunk);
    }

    private static final Pattern SNAPSHOT_INSERT = Pattern.compile("(insert\\s+into|copy)\\s+account_snapshots\\b");

    private static final Pattern ISSUE_INSERT = Pattern.compile("insert\\s+into\\s+snapshot_run_issues\\b");

    private static final Pattern CONTEXT_UPDATE = Pattern.compile("update\\s+batch_step_execution_context\\b");

    private static final Pattern STEP_UPDATE = Pattern.compile("update\\s+batch_step_execution\\s+set\\b");

    private record Armed(Point point, int chunk, Action action, AtomicInteger remaining) {
    }

    /** The chunk a job thread is in: its number in the step execution, and whether its transaction is open. */
    private static final class ChunkState {
        int number;
        boolean open;
    }

    private final List<Armed> armed = new CopyOnWriteArrayList<>();

    private final ThreadLocal<ChunkState> chunks = ThreadLocal.withInitial(ChunkState::new);

    /** Threads that have "crashed": they may not talk to the database any more. */
    private final Set<Thread> dead = ConcurrentHashMap.newKeySet();

    /** The backend pids of the connections each thread holds. */
    private final Map<Thread, Set<Integer>> held = new ConcurrentHashMap<>();

    private final AtomicInteger crashes = new AtomicInteger();

    /** Runs {@code action} once, at {@code point} of chunk {@code chunk} (0: any chunk). */
    void arm(Point point, int chunk, Action action) {
        arm(point, chunk, action, 1);
    }

    /** Runs {@code action} up to {@code times} times, at {@code point} of chunk {@code chunk} (0: any chunk). */
    void arm(Point point, int chunk, Action action, int times) {
        armed.add(new Armed(point, chunk, action, new AtomicInteger(times)));
    }

    /** Disarms every action; crashed threads stay dead. */
    void reset() {
        armed.clear();
    }

    int crashes() {
        return crashes.get();
    }

    /**
     * A crash as a kill -9 would leave it: the thread's database sessions end at once (PostgreSQL rolls back
     * their open transaction) and the thread dies with an Error; whatever it would still write (rollback,
     * FAILED status) is refused, since a dead process writes nothing.
     */
    Action crash() {
        return (point, chunk) -> {
            Thread thread = Thread.currentThread();
            dead.add(thread);
            crashes.incrementAndGet();
            Backends.terminate(Set.copyOf(held.getOrDefault(thread, Set.of())));
            throw new SimulatedCrash(point + " of chunk " + chunk);
        };
    }

    /** A point where the job thread waits until the test releases it. */
    static final class Hold implements Action {

        private final CountDownLatch reached;

        private final CountDownLatch released = new CountDownLatch(1);

        Hold(int parties) {
            this.reached = new CountDownLatch(parties);
        }

        @Override
        public void run(Point point, int chunk) {
            reached.countDown();
            try {
                if (!released.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("held at " + point + " and never released");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        void awaitReached(Duration timeout) throws InterruptedException {
            if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no run reached the hold within " + timeout);
            }
        }

        void release() {
            released.countDown();
        }
    }

    boolean isDead(Thread thread) {
        return dead.contains(thread);
    }

    void connectionTaken(int pid) {
        held.computeIfAbsent(Thread.currentThread(), t -> ConcurrentHashMap.newKeySet()).add(pid);
    }

    void connectionReleased(int pid) {
        Set<Integer> pids = held.get(Thread.currentThread());
        if (pids != null) {
            pids.remove(pid);
        }
    }

    /** Called by {@link FaultyDataSource} before every statement. */
    void beforeStatement(@Nullable String sql) {
        ChunkState chunk = chunks.get();
        if (sql == null || !chunk.open) {
            return;
        }
        String text = sql.toLowerCase(Locale.ROOT);
        if (SNAPSHOT_INSERT.matcher(text).find()) {
            fire(Point.BEFORE_SNAPSHOT_INSERT);
        }
        else if (ISSUE_INSERT.matcher(text).find()) {
            fire(Point.AFTER_SNAPSHOT_INSERT_BEFORE_ISSUE_INSERT);
        }
        else if (CONTEXT_UPDATE.matcher(text).find()) {
            fire(Point.AFTER_WRITE_BEFORE_CONTEXT_UPDATE);
        }
        else if (STEP_UPDATE.matcher(text).find()) {
            fire(Point.AFTER_CONTEXT_UPDATE_BEFORE_STEP_UPDATE);
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        chunks.remove();
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        fire(Point.AFTER_LAST_CHUNK_BEFORE_STEP_END);
        return null;
    }

    @Override
    public void beforeRead() {
        ChunkState chunk = chunks.get();
        if (chunk.open) {
            return;
        }
        chunk.open = true;
        chunk.number++;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new ChunkTransaction(chunk));
        }
        fire(Point.BEFORE_FIRST_READ);
    }

    @Override
    public void beforeChunk(Chunk<AccountContext> chunk) {
        fire(Point.AFTER_READS_BEFORE_PROCESS);
    }

    /** Sees the end of a chunk's transaction. */
    private final class ChunkTransaction implements TransactionSynchronization {

        private final ChunkState chunk;

        ChunkTransaction(ChunkState chunk) {
            this.chunk = chunk;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            fire(Point.BEFORE_COMMIT);
        }

        @Override
        public void afterCommit() {
            fire(Point.AFTER_COMMIT);
        }

        @Override
        public void afterCompletion(int status) {
            chunk.open = false;
            if (status == STATUS_COMMITTED) {
                // an Error thrown here is logged and swallowed by Spring; a crashed thread still cannot write
                fire(Point.AFTER_COMMIT_BEFORE_NEXT_CHUNK, chunk.number);
            }
        }
    }

    private void fire(Point point) {
        fire(point, chunks.get().number);
    }

    private void fire(Point point, int chunk) {
        for (Armed entry : armed) {
            if (entry.point() == point && (entry.chunk() == 0 || entry.chunk() == chunk)
                    && entry.remaining().getAndDecrement() > 0) {
                entry.action().run(point, chunk);
            }
        }
    }
}
