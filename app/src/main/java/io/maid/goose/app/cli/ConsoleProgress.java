package io.maid.goose.app.cli;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.StatusEvent;
import io.maid.goose.ports.out.RunEventSink;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code goose run}'s live progress: the engine's events, printed by a {@link ProgressPrinter} (a row per
 * second and the run's log lines). The engine only enqueues; a printer thread writes, so a slow terminal
 * never slows the run. Nothing is printed before {@link #begin}, so that the caller's own first line (which
 * needs the run id that {@code start} returns) comes before the events the engine published while starting.
 * Phase changes are not printed: the engine logs each one as a line too.
 */
public final class ConsoleProgress implements RunEventSink, AutoCloseable {
    private static final Object STOP = new Object();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final ProgressPrinter printer;
    private Thread thread;

    public ConsoleProgress(PrintStream out, int width) {
        this.printer = new ProgressPrinter(out::println, width);
    }

    @Override
    public void publish(RunEvent event) {
        if (!events.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Prints {@code firstLines}, then starts printing the events, the ones queued so far first. */
    public synchronized void begin(List<String> firstLines, long plannedSeconds) {
        if (thread != null) {
            return;
        }
        firstLines.forEach(printer::note);
        printer.planned(plannedSeconds);
        thread = Thread.ofPlatform().daemon().name("goose-console").start(this::print);
    }

    private void print() {
        try {
            for (Object e = events.take(); e != STOP; e = events.take()) {
                switch (e) {
                    case MetricsSnapshot m -> printer.sample(ProgressSample.of(m));
                    case LogEvent l -> printer.log(l.level().wireName(), l.message());
                    case StatusEvent s -> printer.planned(s.plannedSeconds());
                    default -> { }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints everything queued so far, then stops the printer. */
    @Override
    public void close() {
        begin(List.of(), 0);
        try {
            events.put(STOP);
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long lost = dropped.get();
        if (lost > 0) {
            printer.note("goose: " + lost + " progress events were not shown: the console could not keep up");
        }
    }
}
