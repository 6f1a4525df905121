package io.maid.goose.app.cli;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.PhaseChange;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.ports.out.RunEventSink;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prints one progress line per second (elapsed, phase, users, rps, p50, p99, error %) and the run's log
 * lines. The engine only enqueues; a printer thread writes, so a slow terminal never slows the run.
 */
public final class ConsoleProgress implements RunEventSink, AutoCloseable {
    private static final String STOP = "\u0000stop";
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);
    private final Thread printer;

    public ConsoleProgress(PrintStream out) {
        printer = Thread.ofPlatform().daemon().name("goose-console").start(() -> {
            try {
                for (String line = lines.take(); !STOP.equals(line); line = lines.take()) {
                    out.println(line);
                }
                out.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void publish(RunEvent event) {
        String line = switch (event) {
            case MetricsSnapshot m -> progressLine(m);
            case LogEvent l -> "  [" + l.level().wireName() + "] " + l.message();
            case PhaseChange p -> null; // the engine logs phase changes as LogEvents too
            default -> null;
        };
        if (line != null) {
            lines.offer(line);
        }
    }

    static String progressLine(MetricsSnapshot m) {
        return progressLine(m.elapsedSeconds(), m.phase().wireName(), m.activeUsers(), m.throughputRps(),
                m.latencyP50Ms(), m.latencyP99Ms(), m.errorRate());
    }

    /** The one progress-line format, shared by {@code goose run} and the demo's stream follower. */
    static String progressLine(double elapsedSeconds, String phase, int activeUsers, double rps, double p50Ms,
                               double p99Ms, double errorRatePct) {
        return String.format(Locale.ROOT, "%6.0fs  %-9s users %6d  rps %9.1f  p50 %8.2f ms  p99 %8.2f ms  err %6.2f%%",
                elapsedSeconds, phase, activeUsers, rps, p50Ms, p99Ms, errorRatePct);
    }

    /** Prints everything queued so far, then stops the printer. */
    @Override
    public void close() {
        lines.offer(STOP);
        try {
            printer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
