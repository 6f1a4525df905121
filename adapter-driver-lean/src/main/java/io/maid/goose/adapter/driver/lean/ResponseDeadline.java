package io.maid.goose.adapter.driver.lean;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * When a session's response runs out of time: armed with "now + timeout" once, when the request starts to be
 * written, and disarmed when the exchange ends, so it bounds the whole response to its last body byte — a
 * response that keeps trickling in is cut off as surely as one that stalls.
 *
 * <p>Why not {@code SO_TIMEOUT}: on a virtual thread, a timed socket read schedules and cancels a timer task
 * in the carrier pool each time it parks, which costs about a third of the CPU of a small request. Untimed
 * reads plus one watchdog thread per transport that checks every session's deadline a few times per timeout
 * cost two {@code nanoTime} calls and two ordered stores per request instead.
 *
 * <p>Written by the owning session thread only (release stores); read by the watchdog (acquire loads).
 */
final class ResponseDeadline {
    private static final VarHandle AT;

    static {
        try {
            AT = MethodHandles.lookup().findVarHandle(ResponseDeadline.class, "at", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long timeoutNanos;
    @SuppressWarnings("unused") // accessed through AT
    private long at;

    ResponseDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** Starts (or restarts) the wait: it runs out {@code timeoutNanos} from now. */
    void arm() {
        long deadline = System.nanoTime() + timeoutNanos;
        AT.setRelease(this, deadline == 0 ? 1 : deadline);
    }

    void disarm() {
        AT.setRelease(this, 0L);
    }

    /** Whether an armed wait has run out by {@code nowNanos}. */
    boolean hasExpired(long nowNanos) {
        long deadline = (long) AT.getAcquire(this);
        return deadline != 0 && nowNanos - deadline > 0;
    }
}
