package io.maid.goose.testkit;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.Clock;
import io.maid.goose.ports.out.EventLoop;
import io.maid.goose.ports.out.EventLoopTransport;
import io.maid.goose.ports.out.LoadTransport;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import io.maid.goose.ports.out.StopSignal;
import io.maid.goose.ports.out.TransportSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A fake {@link EventLoopTransport} made from any blocking {@link LoadTransport} (typically a
 * {@link ScriptedTransport}), so the engine's event-loop mode can be tested with the same scripts and the
 * same {@link ManualClock} as its thread-per-user mode.
 *
 * <p>Each loop is one platform thread ({@code goose-test-loop-N}) taking tasks from a queue. A request runs
 * the delegate's blocking session on a virtual thread of its own, and its outcome is handed back to the
 * loop, so {@code done} always runs on the loop and never inside {@code send}. Timers wait on the given
 * {@link Clock} in a virtual thread each: with a manual clock they fire when the test advances time, and
 * {@link ManualClock#sleepers()} counts them, as it counts users sleeping in the thread-per-user mode.
 *
 * <p>Closing a session closes the delegate's session (which ends a hanging scripted request) and reports
 * {@link ErrorKind#ABANDONED} for the request in flight at once; whatever the delegate later returns for
 * that request is dropped, so {@code done} runs exactly once.
 *
 * <p>{@link #loopFailures()} collects whatever a task threw, so a test can assert there were none. A
 * delegate whose {@code send} throws is treated as a transport bug: the exception is rethrown on the loop
 * (and so collected there) and the request stays in flight.
 */
public final class ThreadedLoopTransport implements EventLoopTransport {
    private final LoadTransport delegate;
    private final Clock clock;
    private final List<EventLoop> loops;
    private final List<Throwable> loopFailures = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param delegate the transport that really answers
     * @param clock    the time timers run on
     * @param loops    how many loop threads (at least 1)
     */
    public ThreadedLoopTransport(LoadTransport delegate, Clock clock, int loops) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (loops < 1) {
            throw new IllegalArgumentException("loops must be at least 1, was " + loops);
        }
        List<EventLoop> made = new ArrayList<>(loops);
        for (int i = 0; i < loops; i++) {
            made.add(new Loop(i));
        }
        this.loops = List.copyOf(made);
    }

    @Override
    public List<EventLoop> eventLoops() {
        return loops;
    }

    /** The blocking API: the delegate's own session. */
    @Override
    public TransportSession openSession(SessionOptions options) {
        return delegate.openSession(options);
    }

    /** What tasks, timers or callbacks run on the loops threw, in order. */
    public List<Throwable> loopFailures() {
        return List.copyOf(loopFailures);
    }

    @Override
    public void close() {
        closed = true;
        for (EventLoop loop : loops) {
            ((Loop) loop).stop();
        }
        delegate.close();
    }

    private final class Loop implements EventLoop {
        private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean stopped;

        Loop(int index) {
            thread = Thread.ofPlatform().daemon().name("goose-test-loop-" + index).start(this::run);
        }

        private void run() {
            while (!stopped) {
                Runnable task;
                try {
                    task = tasks.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    loopFailures.add(e);
                }
            }
        }

        void stop() {
            stopped = true;
            tasks.add(() -> { });
        }

        @Override
        public void execute(Runnable task) {
            Objects.requireNonNull(task, "task");
            if (!closed) {
                tasks.add(task);
            }
        }

        @Override
        public Timer schedule(long delayNanos, Runnable task) {
            requireLoop();
            LoopTimer timer = new LoopTimer(task);
            if (delayNanos <= 0) {
                execute(timer::fire);
                return timer;
            }
            long deadline = clock.monotonicNanos() + delayNanos;
            Thread.ofVirtual().name("goose-test-timer").start(() -> {
                try {
                    if (clock.sleepUntil(deadline, timer.cancelled)) {
                        execute(timer::fire);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return timer;
        }

        @Override
        public LoopSession openSession(SessionOptions options) {
            requireLoop();
            return new BridgedSession(this, delegate.openSession(options));
        }

        @Override
        public boolean inLoop() {
            return Thread.currentThread() == thread;
        }

        private void requireLoop() {
            if (!inLoop()) {
                throw new IllegalStateException("call this on the loop's own thread, not on " + Thread.currentThread().getName());
            }
        }
    }

    /** A timer's fate is decided on the loop thread only, so fire and cancel need no atomics. */
    private static final class LoopTimer implements EventLoop.Timer {
        private final Runnable task;
        private final StopSignal cancelled = new StopSignal();
        private boolean done;

        LoopTimer(Runnable task) {
            this.task = task;
        }

        void fire() {
            if (!done) {
                done = true;
                task.run();
            }
        }

        @Override
        public boolean cancel() {
            if (done) {
                return false;
            }
            done = true;
            cancelled.signal();
            return true;
        }
    }

    private static final class BridgedSession implements LoopSession {
        private final Loop loop;
        private final TransportSession blocking;
        /** The request in flight: written and read on the loop thread only. */
        private Consumer<RequestOutcome> inFlight;
        private volatile boolean closed;

        BridgedSession(Loop loop, TransportSession blocking) {
            this.loop = loop;
            this.blocking = blocking;
        }

        @Override
        public void send(RequestSpec request, SendOptions options, Consumer<RequestOutcome> done) {
            loop.requireLoop();
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(done, "done");
            if (inFlight != null) {
                throw new IllegalStateException("a request of this session is still in flight");
            }
            if (closed) {
                loop.execute(() -> done.accept(abandoned()));
                return;
            }
            inFlight = done;
            Thread.ofVirtual().name("goose-test-request").start(() -> {
                RequestOutcome outcome;
                try {
                    outcome = blocking.send(request, options);
                } catch (RuntimeException | Error e) {
                    // A delegate that throws is a transport bug: it surfaces on the loop, and the request
                    // stays in flight, as it would with a real event-loop transport that lost a request.
                    loop.execute(() -> {
                        throw e;
                    });
                    return;
                }
                loop.execute(() -> {
                    if (inFlight == done) {
                        inFlight = null;
                        done.accept(outcome);
                    }
                });
            });
        }

        @Override
        public void close() {
            closed = true;
            // Queued before the delegate is closed, so it runs before whatever the ended request hands back.
            loop.execute(() -> {
                Consumer<RequestOutcome> done = inFlight;
                if (done != null) {
                    inFlight = null;
                    done.accept(abandoned());
                }
            });
            blocking.close();
        }

        private static RequestOutcome abandoned() {
            return RequestOutcome.failure(ErrorKind.ABANDONED, 0, 0, "the session was closed");
        }
    }
}
