package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.TransportSession;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fake {@link LoadTransport} whose every answer is decided by a {@link Script}: a function of the
 * user, the request and the call number. A step can take time (it advances the {@link ManualClock} by
 * its latency, in the calling thread), answer with a status (and headers and a body, captured as the send's
 * {@link SendOptions} ask), fail with an {@link ErrorKind}, or hang like a dead server until the session is
 * closed or {@link #releaseHanging()} is called.
 *
 * <p>Everything is recorded, thread-safely, so a test can count exactly what reached "the wire":
 * {@link #sent()} lists every request in arrival order, with its send options, {@link #sessionOptions()} every
 * session opened,
 * {@link #closedSessions()} the users whose sessions were closed, in order.
 *
 * <p>Latency advances one shared clock. With several users sending at once, a user's measured latency
 * includes the advances of the others, so tests that check exact latencies use one user.
 */
public final class ScriptedTransport implements LoadTransport {
    /** Decides what one call does. Called on the sending thread; must be thread-safe. */
    @FunctionalInterface
    public interface Script {
        Step step(Call call);
    }

    /**
     * One call as the script sees it.
     *
     * @param userIndex      the session's user (from {@link SessionOptions#userIndex()})
     * @param request        the request sent
     * @param callNumber     0-based, across all users, in arrival order
     * @param userCallNumber 0-based, this user's own calls
     */
    public record Call(int userIndex, RequestSpec request, long callNumber, long userCallNumber) {
    }

    /** A request that reached the transport, with the options it was sent with and the step the script chose. */
    public record Sent(int userIndex, RequestSpec request, long callNumber, Step step, SendOptions options) {
    }

    /** What a call does. */
    public sealed interface Step {
        /** How long the call takes on the manual clock (zero for a hang: it takes as long as it is held). */
        Duration latency();
    }

    /**
     * Answers with {@code status} after {@code latency}, with these response headers and body. What the send's
     * {@link SendOptions} ask for is captured into the outcome's {@link CapturedResponse} (the body cut to
     * {@code captureBodyBytes}, {@code bodyTruncated} set when it was longer); nothing is without them. With a
     * {@code tlsHandshake} (null: none), the outcome says the request opened a TLS connection whose handshake
     * took that long ({@link RequestOutcome#tlsHandshakeNanos()}); it is part of {@code latency}, not added to it.
     */
    public record Respond(int status, Duration latency, long bytesSent, long bytesReceived, List<NameValue> headers,
                          byte[] body, Duration tlsHandshake) implements Step {
        public Respond {
            headers = List.copyOf(headers);
            body = body.clone();
        }

        public Respond(int status, Duration latency, long bytesSent, long bytesReceived, List<NameValue> headers,
                       byte[] body) {
            this(status, latency, bytesSent, bytesReceived, headers, body, null);
        }

        public Respond(int status, Duration latency, long bytesSent, long bytesReceived) {
            this(status, latency, bytesSent, bytesReceived, List.of(), new byte[0]);
        }

        /** This answer with one more response header. */
        public Respond withHeader(String name, String value) {
            List<NameValue> more = new ArrayList<>(headers);
            more.add(new NameValue(name, value));
            return new Respond(status, latency, bytesSent, bytesReceived, more, body, tlsHandshake);
        }

        /** This answer with {@code text} (UTF-8) as its body. */
        public Respond withBody(String text) {
            return new Respond(status, latency, bytesSent, bytesReceived, headers, text.getBytes(StandardCharsets.UTF_8),
                    tlsHandshake);
        }

        /** This answer, on a TLS connection it opened with a handshake of {@code handshake}. */
        public Respond withTlsHandshake(Duration handshake) {
            return new Respond(status, latency, bytesSent, bytesReceived, headers, body,
                    Objects.requireNonNull(handshake, "handshake"));
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Respond r && r.status == status && r.latency.equals(latency) && r.bytesSent == bytesSent
                    && r.bytesReceived == bytesReceived && r.headers.equals(headers) && Arrays.equals(r.body, body)
                    && Objects.equals(r.tlsHandshake, tlsHandshake);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, latency, bytesSent, bytesReceived, headers, Arrays.hashCode(body), tlsHandshake);
        }

        @Override
        public String toString() {
            return "Respond[status=" + status + ", latency=" + latency + ", bytesSent=" + bytesSent + ", bytesReceived="
                    + bytesReceived + ", headers=" + headers + ", body=" + body.length + " bytes"
                    + (tlsHandshake == null ? "" : ", tlsHandshake=" + tlsHandshake) + "]";
        }

        RequestOutcome outcome(SendOptions options) {
            RequestOutcome outcome = RequestOutcome.response(status, bytesSent, bytesReceived);
            if (tlsHandshake != null) {
                outcome = outcome.withTlsHandshake(tlsHandshake.toNanos());
            }
            if (!options.captures()) {
                return outcome;
            }
            int kept = Math.min(body.length, options.captureBodyBytes());
            return outcome.withResponse(new CapturedResponse(options.captureHeaders() ? headers : List.of(),
                    Arrays.copyOf(body, kept), kept < body.length));
        }
    }

    /** Fails with {@code kind} after {@code latency}. */
    public record Fail(ErrorKind kind, Duration latency, String detail) implements Step {
    }

    /**
     * Blocks until the session is closed (then fails with {@link ErrorKind#IO_ERROR}) or until
     * {@link #releaseHanging()} (then answers 200).
     */
    public record Hang() implements Step {
        @Override
        public Duration latency() {
            return Duration.ZERO;
        }
    }

    public static Respond respond(int status) {
        return new Respond(status, Duration.ZERO, 0, 0);
    }

    public static Respond respond(int status, Duration latency) {
        return new Respond(status, latency, 0, 0);
    }

    public static Respond respond(int status, Duration latency, long bytesSent, long bytesReceived) {
        return new Respond(status, latency, bytesSent, bytesReceived);
    }

    public static Step fail(ErrorKind kind) {
        return new Fail(kind, Duration.ZERO, kind.wireName());
    }

    public static Step fail(ErrorKind kind, Duration latency) {
        return new Fail(kind, latency, kind.wireName());
    }

    public static Step hang() {
        return new Hang();
    }

    /** A transport that does {@code step} for every call. */
    public static ScriptedTransport always(ManualClock clock, Step step) {
        Objects.requireNonNull(step, "step");
        return new ScriptedTransport(clock, call -> step);
    }

    private final ManualClock clock;
    private final Script script;
    private final Lock lock = new ReentrantLock();
    private final Condition hangEnded = lock.newCondition();
    private final List<Sent> sent = new ArrayList<>();
    private final List<SessionOptions> sessionOptions = new ArrayList<>();
    private final List<Integer> closedSessions = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger hanging = new AtomicInteger();
    private long releaseGeneration;
    private volatile boolean closed;

    public ScriptedTransport(ManualClock clock, Script script) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.script = Objects.requireNonNull(script, "script");
    }

    @Override
    public TransportSession openSession(SessionOptions options) {
        lock.lock();
        try {
            sessionOptions.add(options);
        } finally {
            lock.unlock();
        }
        return new ScriptedSession(options.userIndex());
    }

    /** Every request that reached the transport, in arrival order. */
    public List<Sent> sent() {
        lock.lock();
        try {
            return List.copyOf(sent);
        } finally {
            lock.unlock();
        }
    }

    /** How many requests reached the transport. */
    public long sentCount() {
        return calls.get();
    }

    /** The options of every session opened, in order. */
    public List<SessionOptions> sessionOptions() {
        lock.lock();
        try {
            return List.copyOf(sessionOptions);
        } finally {
            lock.unlock();
        }
    }

    /** The users whose sessions were closed, in the order of their first close. */
    public List<Integer> closedSessions() {
        lock.lock();
        try {
            return List.copyOf(closedSessions);
        } finally {
            lock.unlock();
        }
    }

    /** Calls blocked in a {@link Hang} right now. */
    public int hanging() {
        return hanging.get();
    }

    /** Lets every call hanging right now answer 200. */
    public void releaseHanging() {
        lock.lock();
        try {
            releaseGeneration++;
            hangEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    private final class ScriptedSession implements TransportSession {
        private final int userIndex;
        private long userCalls;
        private boolean sessionClosed;

        ScriptedSession(int userIndex) {
            this.userIndex = userIndex;
        }

        @Override
        public RequestOutcome send(RequestSpec request, SendOptions options) {
            Objects.requireNonNull(options, "options");
            Step step;
            lock.lock();
            try {
                long callNumber = calls.getAndIncrement();
                step = Objects.requireNonNull(script.step(new Call(userIndex, request, callNumber, userCalls++)),
                        "the script returned no step");
                sent.add(new Sent(userIndex, request, callNumber, step, options));
            } finally {
                lock.unlock();
            }
            if (!step.latency().isZero()) {
                clock.advance(step.latency());
            }
            return switch (step) {
                case Respond r -> r.outcome(options);
                case Fail f -> RequestOutcome.failure(f.kind(), 0, 0, f.detail());
                case Hang h -> hang(options);
            };
        }

        private RequestOutcome hang(SendOptions options) {
            lock.lock();
            try {
                // Counted only once the generation is read, under the lock releaseHanging takes: a test that saw
                // hanging() reach N and then released is sure to release all N.
                long generation = releaseGeneration;
                hanging.incrementAndGet();
                while (!sessionClosed && generation == releaseGeneration) {
                    hangEnded.awaitUninterruptibly();
                }
                return sessionClosed
                        ? RequestOutcome.failure(ErrorKind.IO_ERROR, 0, 0, "session closed while the request hung")
                        : new Respond(200, Duration.ZERO, 0, 0).outcome(options);
            } finally {
                hanging.decrementAndGet();
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!sessionClosed) {
                    sessionClosed = true;
                    closedSessions.add(userIndex);
                    hangEnded.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
