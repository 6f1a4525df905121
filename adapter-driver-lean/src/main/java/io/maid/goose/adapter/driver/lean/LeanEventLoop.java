package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.SessionOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One platform thread that runs a {@link Selector} over its sessions' channels, a task queue and a timer
 * heap; see {@link LeanLoopTransport} for the guarantees.
 *
 * <h2>Design</h2>
 * Each turn: run the queued tasks (at most {@value #TASK_BATCH}, so I/O is not starved), run the due timers,
 * sweep the sessions' deadlines when a tick is due, then select for I/O with a timeout that ends at the next
 * timer or tick (no timeout when there is neither), and dispatch each ready key to its
 * {@link ChannelHandler}.
 *
 * <p>Wake-ups: a task submitted from another thread costs a {@link Selector#wakeup()} (a system call) only
 * when the loop may be blocked in {@code select}: the loop raises {@link #sleeping} before it blocks and
 * checks the queue once more afterwards, submitters clear the flag with a compare-and-set and only the one
 * that cleared it wakes the selector. A busy loop, and the loop's own submissions, pay nothing.
 *
 * <p>Timeouts: sessions keep their own deadline as a plain {@code long}, and the loop's {@link LoopSweep}
 * expires them once a tick, so a request costs no timer.
 *
 * <p>Stopping: {@link #stop()} ends the turns; the loop then closes its sessions (their requests in flight
 * end as abandoned), runs what is still queued, refuses further submissions and closes the selector.
 */
final class LeanEventLoop implements EventLoop {
    /** Tasks run per turn at most, before I/O gets its turn again. */
    static final int TASK_BATCH = 1024;
    /** Bytes a channel write takes from at most, per call. */
    private static final int OUT_BUFFER = 64 * 1024;
    private static final int MAX_SHUTDOWN_TASKS = 100_000;
    private static final System.Logger LOG = System.getLogger(LeanEventLoop.class.getName());

    private final LeanLoopTransport owner;
    private final String name;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** Selector wake-ups paid by submitters so far: each one is a system call. */
    private final AtomicLong wakeups = new AtomicLong();
    private final LoopTimers timers = new LoopTimers(this);
    private final LoopSweep sweep = new LoopSweep(this::report);
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    /** Where channel writes copy request bytes to: direct, so the channel writes it without another copy. */
    private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BUFFER);
    /** What this loop's TLS connections encrypt and decrypt in; made on the first https connection. */
    private TlsBuffers tlsBuffers;
    private TlsBuffers directTlsBuffers;
    /** {@link System#nanoTime()} when the current (or last) select returned; see {@link #selectTime()}. */
    private long selectTime;
    /** Whether {@link #selectTime} has been read for the current select yet. */
    private boolean selectTimed;
    private volatile boolean stopping;
    private volatile boolean terminated;

    /** A loop whose thread is not started yet ({@link #start()}). */
    LeanEventLoop(LeanLoopTransport owner, int index) {
        this.owner = owner;
        this.name = "goose-lean-loop-" + index;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a selector for " + name, e);
        }
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    // ---- EventLoop --------------------------------------------------------------------------------------

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!owner.isClosed()) {
            submit(task);
        }
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        Objects.requireNonNull(task, "task");
        requireLoop("schedule");
        LoopTimers.LoopTimer timer = timers.newTimer(task);
        if (delayNanos <= 0) {
            submit(timer);
        } else {
            timers.add(timer, System.nanoTime() + delayNanos);
        }
        return timer;
    }

    @Override
    public LoopSession openSession(SessionOptions options) {
        requireLoop("openSession");
        LeanLoopSession session = owner.newSession(this, options);
        attach(session);
        return session;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    // ---- for the transport and its sessions -------------------------------------------------------------

    /**
     * Queues {@code task} even after the transport was closed (it finishes work already begun: completions,
     * closes), as long as the loop runs tasks at all.
     *
     * @return false if the loop has terminated and the task will never run
     */
    boolean submit(Runnable task) {
        if (Thread.currentThread() == thread) {
            tasks.offer(task);
            return true; // the loop itself is not in select, and drains its queue before it ever is
        }
        if (terminated) {
            return false;
        }
        tasks.offer(task);
        if (terminated && tasks.remove(task)) {
            return false; // lost the race with the final drain, so nobody would ever run it
        }
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            wakeups.incrementAndGet();
            selector.wakeup();
        }
        return true;
    }

    /** Ends the loop's turns; it then closes its sessions and drains its queue on its own thread. */
    void stop() {
        stopping = true;
        if (thread.getState() == Thread.State.NEW) {
            terminated = true; // never started: nothing to close or drain
            try {
                selector.close();
            } catch (IOException e) {
                report(e);
            }
            return;
        }
        selector.wakeup();
    }

    /** Waits up to {@code millis} for the loop's thread to end; false if it is still running. */
    boolean awaitTermination(long millis) throws InterruptedException {
        if (thread.getState() == Thread.State.NEW) {
            return true;
        }
        return thread.join(java.time.Duration.ofMillis(millis));
    }

    boolean isStopping() {
        return stopping;
    }

    Selector selector() {
        return selector;
    }

    /** The loop's write buffer, cleared; only for use within one call on the loop's thread. */
    ByteBuffer outBuffer() {
        return out.clear();
    }

    /**
     * The buffers this loop's TLS connections share: outside the heap for a native TLS engine, on the heap for
     * the JDK's. Loop thread only.
     */
    TlsBuffers tlsBuffers(boolean direct) {
        if (direct) {
            if (directTlsBuffers == null) {
                directTlsBuffers = new TlsBuffers(true);
            }
            return directTlsBuffers;
        }
        if (tlsBuffers == null) {
            tlsBuffers = new TlsBuffers(false);
        }
        return tlsBuffers;
    }

    /**
     * When the loop's current (or last) select returned, by {@link System#nanoTime()}: a clock read once per
     * turn and free to read after that, for judging how long a connection has been idle. An exchange that ends
     * in a select and the next that starts from its callback read the same value, so they never look idle;
     * one that starts after a timer or a queued task reads the select that woke the loop for it. Loop thread
     * only.
     */
    long selectTime() {
        return selectTime;
    }

    /** Starts sweeping {@code session}'s deadlines. Loop thread only. */
    void attach(LeanLoopSession session) {
        sweep.attach(session, System.nanoTime());
    }

    /** Stops sweeping {@code session}. Loop thread only. */
    void detach(LeanLoopSession session) {
        sweep.detach(session);
    }

    /** Logs what a task, timer or callback threw; the loop goes on. */
    void report(Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, name + ": a task or callback threw; the loop goes on", failure);
    }

    /** Number of sessions swept (for tests). Loop thread only. */
    int sessionCount() {
        return sweep.size();
    }

    /** Whether the loop is (about to be) blocked in select, waiting to be woken (for tests). */
    boolean sleepingInSelect() {
        return sleeping.get();
    }

    /** How many times a submitter woke the selector (for tests of the wake-up protocol). */
    long wakeups() {
        return wakeups.get();
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- the loop ---------------------------------------------------------------------------------------

    private void run() {
        try {
            while (!stopping) {
                try {
                    turn();
                } catch (ClosedSelectorException e) {
                    return; // closed under us: nothing left to select on, so wind down
                } catch (RuntimeException | Error e) {
                    report(e);
                }
            }
        } finally {
            shutDown();
        }
    }

    private void turn() {
        runTasks();
        long now = System.nanoTime();
        runTimers(now);
        sweep.sweepIfDue(now);
        select(System.nanoTime());
    }

    private void select(long now) {
        selectTimed = false;
        try {
            if (!tasks.isEmpty()) {
                selector.selectNow(dispatch);
                return;
            }
            long wait = waitNanos(now);
            if (wait == 0) {
                selector.selectNow(dispatch);
                return;
            }
            sleeping.set(true);
            if (!tasks.isEmpty() || stopping) {
                sleeping.set(false);
                selector.selectNow(dispatch);
                return;
            }
            // select's timeout is in whole milliseconds (0 = none); rounded up so timers never fire early
            long millis = wait < 0 ? 0 : Math.max(1, (wait + 999_999) / 1_000_000);
            selector.select(dispatch, millis);
            sleeping.set(false);
        } catch (IOException e) {
            report(e);
        } finally {
            stampSelect();
        }
    }

    /** Reads the clock once per select: at its first ready key, or when it returned with none. */
    private void stampSelect() {
        if (!selectTimed) {
            selectTime = System.nanoTime();
            selectTimed = true;
        }
    }

    /** Nanoseconds until the next timer or sweep; 0 for now, -1 for nothing to wait for. */
    private long waitNanos(long now) {
        long wait = -1;
        long due = timers.nextDeadline();
        if (due != Long.MAX_VALUE) {
            wait = Math.max(0, due - now);
        }
        long sweepIn = sweep.nanosToSweep(now);
        if (sweepIn >= 0) {
            wait = wait < 0 ? sweepIn : Math.min(wait, sweepIn);
        }
        return wait;
    }

    private void dispatch(SelectionKey key) {
        stampSelect();
        if (!key.isValid()) {
            return;
        }
        try {
            ((ChannelHandler) key.attachment()).ready(key);
        } catch (RuntimeException | Error e) {
            report(e);
        }
    }

    private void runTasks() {
        for (int i = 0; i < TASK_BATCH; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            runSafely(task);
        }
    }

    private void runTimers(long now) {
        LoopTimers.LoopTimer due;
        while ((due = timers.pollDue(now)) != null) {
            runSafely(due);
        }
    }

    void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            report(e);
        }
    }

    private void shutDown() {
        stopping = true;
        sleeping.set(false);
        for (LeanLoopSession session : sweep.removeAll()) {
            try {
                session.closeNow();
            } catch (RuntimeException | Error e) {
                report(e);
            }
        }
        int ran = drain(0);
        terminated = true;
        drain(ran);
        timers.clear();
        try {
            selector.close();
        } catch (IOException e) {
            report(e);
        }
    }

    /** Runs queued tasks until none is left (or a runaway chain of them hits the cap); returns the count. */
    private int drain(int ran) {
        Runnable task;
        while (ran < MAX_SHUTDOWN_TASKS && (task = tasks.poll()) != null) {
            runSafely(task);
            ran++;
        }
        return ran;
    }

    /** What a selection key's attachment is: the one that handles its channel's readiness. */
    interface ChannelHandler {
        /** The key's channel is ready for (some of) its interest ops. Loop thread only. */
        void ready(SelectionKey key);
    }

    private void requireLoop(String what) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(what + " must be called on the loop's own thread (" + name + "), not on "
                    + Thread.currentThread().getName());
        }
    }
}
