package io.maid.goose.app.cli;

import sun.misc.Signal;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Ctrl-C or SIGTERM stops the run gracefully (the summary and report are still written); a second one
 * exits at once with status 130.
 */
public final class SignalStopper implements AutoCloseable {
    private final AtomicInteger received = new AtomicInteger();

    public SignalStopper(Runnable gracefulStop, PrintStream err) {
        this(gracefulStop, () -> "stopping the run gracefully", err);
    }

    /**
     * @param whatHappens what the first signal does, asked when it arrives (e.g. whether a run is active)
     */
    public SignalStopper(Runnable gracefulStop, Supplier<String> whatHappens, PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    if (received.incrementAndGet() == 1) {
                        err.println("\ngoose: SIG" + name + " received: " + whatHappens.get() + " (again to exit at once)");
                        gracefulStop.run();
                    } else {
                        err.println("\ngoose: exiting at once");
                        Runtime.getRuntime().halt(130);
                    }
                });
            } catch (IllegalArgumentException unsupported) {
                // This platform has no such signal; the JVM's default handling stays.
            }
        }
    }

    @Override
    public void close() {
        // Handlers stay installed until exit: a late signal still means "stop now".
    }
}
