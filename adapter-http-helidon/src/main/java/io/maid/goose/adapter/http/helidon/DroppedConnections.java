package io.maid.goose.adapter.http.helidon;

import io.helidon.common.buffers.DataReader;

import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps a connection that ends before its request is complete (a client that went away mid-request, or a
 * slowloris client giving up) from filling the log. Helidon 4.5's HTTP/1 connection treats the missing data
 * as an internal error and logs it at WARNING with a 16-line stack trace
 * ({@code DataReader.InsufficientDataAvailableException}), once per connection; a flood of slow
 * connections then writes megabytes. Its direct handlers never see the cause, so the hook is a
 * {@link Filter} on that connection's java.util.logging logger (where {@link System.Logger} lands): the
 * filter drops exactly those records, every other record passes as before.
 *
 * <p>In their place this class logs one line per dropped connection for the first {@value #FIRST_LINES},
 * then one summary line per {@value #SUMMARY_PERIOD_SECONDS} s while drops go on (emitted with the first
 * drop after the period ends, and by {@link #flush()} when a server stops), each counting the drops it
 * covers. The filter is installed once per JVM: the records do not say which server they came from, and
 * the count is the JVM's. Thread-safe.
 */
final class DroppedConnections {
    /** The logger of Helidon's HTTP/1 connection, which logs the truncated request as an internal error. */
    static final String HELIDON_HTTP1_LOGGER = "io.helidon.webserver.http1.Http1Connection";
    static final int FIRST_LINES = 10;
    static final long SUMMARY_PERIOD_SECONDS = 60;
    private static final System.Logger LOG = System.getLogger(DroppedConnections.class.getName());
    private static final DroppedConnections INSTANCE = new DroppedConnections(System::nanoTime);
    private static final Object INSTALL = new Object();
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its filter. */
    private static Logger helidonLogger;

    private final LongSupplier nanoTime;
    private final AtomicLong total = new AtomicLong();
    private long unreported;
    private long periodStart;

    DroppedConnections(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Installs the filter (once per JVM) and returns the JVM's counter. */
    static DroppedConnections install() {
        synchronized (INSTALL) {
            if (helidonLogger == null) {
                Logger logger = Logger.getLogger(HELIDON_HTTP1_LOGGER);
                Filter previous = logger.getFilter();
                logger.setFilter(r -> INSTANCE.admit(r) && (previous == null || previous.isLoggable(r)));
                helidonLogger = logger;
            }
        }
        return INSTANCE;
    }

    /** False, after counting the drop, for a record about a request cut short; true for every other record. */
    boolean admit(LogRecord record) {
        if (!isTruncatedRequest(record.getThrown())) {
            return true;
        }
        dropped();
        return false;
    }

    /**
     * Counts one dropped connection, logging it if it is among the first, or the summary when one is due.
     * The line is written under the lock, so the lines come out in the order they count (drops are rare
     * next to requests; a flood of them waits here, not on the log).
     */
    void dropped() {
        synchronized (this) {
            long n = total.incrementAndGet();
            long now = nanoTime.getAsLong();
            if (n <= FIRST_LINES) {
                periodStart = now;
                LOG.log(System.Logger.Level.INFO, "closed a connection whose request ended before it was complete"
                        + " (the client went away or sent too slowly); " + (n == FIRST_LINES
                        ? "further ones are counted and summarised every " + SUMMARY_PERIOD_SECONDS + " s"
                        : n + " so far"));
            } else {
                unreported++;
                if (now - periodStart >= SUMMARY_PERIOD_SECONDS * 1_000_000_000L) {
                    LOG.log(System.Logger.Level.INFO, summary(n));
                    periodStart = now;
                }
            }
        }
    }

    /** Logs the drops not reported yet, if any (when a server stops). */
    synchronized void flush() {
        if (unreported > 0) {
            LOG.log(System.Logger.Level.INFO, summary(total.get()));
            periodStart = nanoTime.getAsLong();
        }
    }

    /** Every connection dropped so far, in this JVM. */
    long total() {
        return total.get();
    }

    /** Call with the lock held. */
    private String summary(long n) {
        String line = unreported + " more connection(s) closed because their request ended before it was complete, "
                + n + " in all";
        unreported = 0;
        return line;
    }

    /** Whether {@code t} is a request the peer cut short: truncated data, or the socket reset under it. */
    static boolean isTruncatedRequest(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DataReader.InsufficientDataAvailableException) {
                return true;
            }
            if (c instanceof SocketException) {
                return true;
            }
        }
        return false;
    }
}
