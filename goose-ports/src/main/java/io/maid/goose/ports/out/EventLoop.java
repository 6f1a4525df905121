package io.maid.goose.ports.out;

/**
 * One thread that runs tasks, timers and the I/O of its {@link LoopSession}s, one thing at a time. Whatever
 * runs on it must not block.
 *
 * <p>Ordering: tasks submitted by one thread run in submission order. Everything a task or callback of this
 * loop writes is visible to the loop's later tasks and callbacks, so a user kept on one loop needs no locks.
 */
public interface EventLoop {
    /**
     * Runs {@code task} on this loop's thread after the tasks already submitted; callable from any thread,
     * never runs the task in the caller. Tasks submitted after the transport was closed are dropped. A task
     * that throws is reported by the loop (never swallowed silently) and does not stop the loop.
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} on this loop's thread once {@code delayNanos} of the loop's time have passed (at once,
     * via the queue, when it is not positive). Call on this loop's thread only.
     *
     * @return a handle that cancels the timer if it has not fired yet
     * @throws IllegalStateException when called from another thread
     */
    Timer schedule(long delayNanos, Runnable task);

    /**
     * Opens a session whose requests run on this loop; it connects on its first request. Call on this
     * loop's thread only.
     *
     * @throws IllegalArgumentException as {@link LoadTransport#openSession} does for bad options
     * @throws IllegalStateException    when called from another thread
     */
    LoopSession openSession(SessionOptions options);

    /** Whether the calling thread is this loop's thread. */
    boolean inLoop();

    /** A pending {@link #schedule} timer. */
    interface Timer {
        /**
         * Stops the timer from firing; call on the loop's thread only.
         *
         * @return true if this call prevented the task from running, false if it had already run or been
         *         cancelled
         */
        boolean cancel();
    }
}
