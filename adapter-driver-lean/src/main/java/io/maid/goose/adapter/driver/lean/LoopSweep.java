package io.maid.goose.adapter.driver.lean;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The sessions of one {@link LeanEventLoop} whose deadlines it sweeps. A session keeps its request's deadline as
 * a plain {@code long}; the loop sweeps them all once a tick — {@code min(timeout / 10, 100 ms)}, at least 1 ms,
 * for the shortest timeout among its sessions — instead of keeping a timer per request, so a request costs no
 * timer allocation, heap insertion or cancellation.
 *
 * <p>A session is in the list at its {@link LeanLoopSession#slot}, so attaching and detaching are O(1): the last
 * one takes a detached one's place.
 *
 * <p>Loop thread only.
 */
final class LoopSweep {
    static final long MAX_TICK_NANOS = 100_000_000L;
    static final long MIN_TICK_NANOS = 1_000_000L;

    private final ArrayList<LeanLoopSession> sessions = new ArrayList<>();
    private final Consumer<Throwable> report;
    private long tickNanos = MAX_TICK_NANOS;
    private long nextSweep;

    /** @param report where what an expiry threw goes (the sweep goes on) */
    LoopSweep(Consumer<Throwable> report) {
        this.report = report;
    }

    /** Starts sweeping {@code session}. */
    void attach(LeanLoopSession session, long now) {
        session.slot = sessions.size();
        sessions.add(session);
        long tick = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, session.timeoutNanos() / 10));
        if (sessions.size() == 1) {
            tickNanos = tick;
            nextSweep = now + tick;
        } else if (tick < tickNanos) {
            tickNanos = tick;
            nextSweep = Math.min(nextSweep - now, tick) + now;
        }
    }

    /** Stops sweeping {@code session}; nothing if it is not swept. */
    void detach(LeanLoopSession session) {
        int slot = session.slot;
        if (slot < 0 || slot >= sessions.size() || sessions.get(slot) != session) {
            return;
        }
        LeanLoopSession last = sessions.remove(sessions.size() - 1);
        if (last != session) {
            sessions.set(slot, last);
            last.slot = slot;
        }
        session.slot = -1;
        if (sessions.isEmpty()) {
            tickNanos = MAX_TICK_NANOS;
        }
    }

    /** Expires the sessions whose deadline passed, when a tick is due at {@code now}. */
    void sweepIfDue(long now) {
        if (sessions.isEmpty() || now - nextSweep < 0) {
            return;
        }
        // Index loop: a callback run by an expiry may open (append) sessions; closes are queued tasks.
        for (int i = 0; i < sessions.size(); i++) {
            try {
                sessions.get(i).expireIfOverdue(now);
            } catch (RuntimeException | Error e) {
                report.accept(e);
            }
        }
        nextSweep = now + tickNanos;
    }

    /** Nanoseconds from {@code now} to the next sweep (0 when due); -1 when there is nothing to sweep. */
    long nanosToSweep(long now) {
        return sessions.isEmpty() ? -1 : Math.max(0, nextSweep - now);
    }

    int size() {
        return sessions.size();
    }

    /** The sessions swept now, in a list of their own, and none swept after (for the loop's shutdown). */
    List<LeanLoopSession> removeAll() {
        List<LeanLoopSession> all = new ArrayList<>(sessions);
        sessions.clear();
        tickNanos = MAX_TICK_NANOS;
        return all;
    }
}
