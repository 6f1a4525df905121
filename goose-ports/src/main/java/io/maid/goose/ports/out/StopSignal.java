package io.maid.goose.ports.out;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot signal: once {@link #signal()} is called it stays signalled. Used to stop a thinking user at
 * once without interrupting a request in flight. Thread-safe.
 */
public final class StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean signalled;

    public void signal() {
        if (signalled) {
            return;
        }
        signalled = true;
        latch.countDown();
        for (Runnable r : listeners) {
            r.run();
        }
    }

    public boolean isSignalled() {
        return signalled;
    }

    /** Waits up to {@code nanos}; returns true if signalled. */
    public boolean await(long nanos) throws InterruptedException {
        return latch.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code r} on signal (at once if already signalled). For clocks that wait on their own condition. */
    public void onSignal(Runnable r) {
        listeners.add(r);
        if (signalled) {
            r.run();
        }
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }
}
