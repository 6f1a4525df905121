package io.maid.goose.adapter.http.helidon.stream;

import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsSession;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.ports.in.LoadTestEngine;
import io.maid.goose.ports.in.SubscribeRunEventsUseCase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans the engine's events out to every stream client. It subscribes to the engine once; the engine's
 * callback renders each event to JSON once and offers it to every session's bounded queue, which never
 * blocks. A watchdog closes sessions that stay stalled longer than the stall timeout (close code 1008),
 * so a client that stops reading costs a bounded queue for a bounded time and nothing else.
 */
public final class StreamHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamHub.class.getName());
    private static final long CLOSE_GRACE_MILLIS = 250;
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    private final LoadTestEngine engine;
    private final StreamEnvelopes envelopes;
    private final int queueCapacity;
    private final long stallTimeoutNanos;
    private final Map<WsSession, StreamSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong droppedByClosed = new AtomicLong();
    private final AtomicLong stalledClosed = new AtomicLong();
    private final ScheduledExecutorService watchdog;
    private final SubscribeRunEventsUseCase.Subscription subscription;

    public StreamHub(LoadTestEngine engine, StreamEnvelopes envelopes, int queueCapacity, Duration stallTimeout) {
        this.engine = engine;
        this.envelopes = envelopes;
        this.queueCapacity = queueCapacity;
        this.stallTimeoutNanos = stallTimeout.toNanos();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "goose-stream-watchdog");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = Math.clamp(stallTimeout.toMillis() / 4, 10, 1000);
        watchdog.scheduleWithFixedDelay(this::closeStalled, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        this.subscription = engine.subscribe(this::onEvent);
    }

    /** A client connected: it gets the engine's status at once, then every event. */
    void open(WsSession ws) {
        StreamSession session = new StreamSession(ids.incrementAndGet(), ws, queueCapacity, PING_INTERVAL.toNanos(),
                () -> remove(ws));
        session.offer(envelopes.status(engine.status()));
        sessions.put(ws, session);
        session.start();
    }

    /** The client went away (close frame or error). */
    void remove(WsSession ws) {
        StreamSession session = sessions.remove(ws);
        if (session != null) {
            session.stop();
            droppedByClosed.addAndGet(session.dropped());
        }
    }

    public StreamStats stats() {
        List<StreamStats.Session> per = new ArrayList<>();
        long dropped = droppedByClosed.get();
        for (StreamSession s : sessions.values()) {
            StreamStats.Session st = s.stats();
            per.add(st);
            dropped += st.dropped();
        }
        per.sort((a, b) -> Long.compare(a.id(), b.id()));
        return new StreamStats(per.size(), dropped, stalledClosed.get(), per);
    }

    private void onEvent(RunEvent event) {
        if (sessions.isEmpty()) {
            return;
        }
        List<String> messages;
        try {
            messages = envelopes.render(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not render " + event.getClass().getSimpleName()
                    + " for the stream", e);
            return;
        }
        for (StreamSession s : sessions.values()) {
            for (String m : messages) {
                s.offer(m);
            }
        }
    }

    private void closeStalled() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<WsSession, StreamSession> e : sessions.entrySet()) {
                StreamSession s = e.getValue();
                if (s.stalled(now, stallTimeoutNanos) && sessions.remove(e.getKey(), s)) {
                    stalledClosed.incrementAndGet();
                    droppedByClosed.addAndGet(s.dropped());
                    LOG.log(System.Logger.Level.WARNING, s + " closed: the client has not kept up for "
                            + Duration.ofNanos(stallTimeoutNanos).toMillis() + " ms (" + s.dropped() + " messages dropped)");
                    s.closeWith(WsCloseCodes.VIOLATED_POLICY, "client too slow: stalled", CLOSE_GRACE_MILLIS);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "stream watchdog failed", e);
        }
    }

    /**
     * Unsubscribes and closes every client with 1001 (going away), waiting up to the close grace for the
     * close frames to go out, so that the server stopping next does not cut them off (clients would see
     * 1006, an abnormal closure, instead).
     */
    @Override
    public void close() {
        subscription.close();
        watchdog.shutdownNow();
        List<Thread> closing = new ArrayList<>();
        for (WsSession ws : List.copyOf(sessions.keySet())) {
            StreamSession s = sessions.remove(ws);
            if (s != null) {
                closing.add(s.closeWith(WsCloseCodes.GOING_AWAY, "server stopping", CLOSE_GRACE_MILLIS));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS * 2);
        try {
            for (Thread t : closing) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
