package io.maid.goose.adapter.http.helidon;

import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow clients that give up mid-request, on raw sockets against a real server: each costs one log line at
 * most, never a stack trace, and past the first few only a periodic count.
 */
class DroppedConnectionLogTest {
    private static final int CLIENTS = 50;
    private ApiHarness api;
    private LogCapture log;

    @BeforeEach
    void start() {
        api = ApiHarness.start();
        // every logger at its usual level (the root handler sees them all), ours at every level
        log = new LogCapture(DroppedConnections.class.getName());
    }

    @AfterEach
    void stop() {
        log.close();
        api.close();
    }

    /**
     * Sends the request line and some headers a few bytes at a time, then goes away without finishing (an
     * orderly close: a reset instead makes Helidon fail writing its answer, which it logs only at TRACE).
     */
    private void giveUpMidRequest() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
            OutputStream out = s.getOutputStream();
            byte[] partial = "GET /api/goose/status HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: "
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < partial.length; i += 7) {
                out.write(partial, i, Math.min(7, partial.length - i));
                out.flush();
            }
        }
    }

    @Test
    void fiftySlowClientsThatGiveUpWriteAtMostOneLineEachAndNoStackTrace() throws IOException {
        DroppedConnections dropped = DroppedConnections.install();
        long before = dropped.total();
        for (int i = 0; i < CLIENTS; i++) {
            giveUpMidRequest();
        }
        Await.until(() -> dropped.total() - before >= CLIENTS, Duration.ofSeconds(20),
                () -> (dropped.total() - before) + " of " + CLIENTS + " drops seen; log: " + log.lines());
        api.server.close();

        List<String> lines = log.lines();
        for (String line : lines) {
            assertFalse(line.contains("InsufficientDataAvailableException"), line);
            assertFalse(line.contains("\tat "), "no stack trace: " + line);
            assertFalse(line.contains("Internal server error"), line);
        }
        long ours = lines.stream().filter(l -> l.contains(DroppedConnections.class.getName())).count();
        assertTrue(ours >= 1 && ours <= DroppedConnections.FIRST_LINES + 1, "first lines and at most one summary: " + lines);
        assertTrue(log.textLines() <= CLIENTS, "at most one line per dropped connection: " + log.textLines());
    }

    @Test
    void pastTheFirstLinesDropsAreSummarisedOncePerPeriod() {
        AtomicLong now = new AtomicLong();
        DroppedConnections counter = new DroppedConnections(now::get);
        try (LogCapture ours = new LogCapture(DroppedConnections.class.getName())) {
            for (int i = 0; i < DroppedConnections.FIRST_LINES + 25; i++) {
                counter.dropped();
            }
            assertEquals(DroppedConnections.FIRST_LINES, ours.lines().size(), "the first lines, then silence");
            for (int i = 1; i < DroppedConnections.FIRST_LINES; i++) {
                assertTrue(ours.lines().get(i - 1).contains("; " + i + " so far"), "in order: " + ours.lines());
            }
            now.addAndGet(Duration.ofSeconds(DroppedConnections.SUMMARY_PERIOD_SECONDS).toNanos());
            counter.dropped();
            assertEquals(DroppedConnections.FIRST_LINES + 1, ours.lines().size());
            assertTrue(ours.lines().getLast().contains("26 more connection(s)")
                    && ours.lines().getLast().contains((DroppedConnections.FIRST_LINES + 26) + " in all"), ours.lines().getLast());
            counter.dropped();
            counter.flush();
            assertTrue(ours.lines().getLast().contains("1 more connection(s)"), ours.lines().getLast());
            counter.flush();
            assertEquals(DroppedConnections.FIRST_LINES + 2, ours.lines().size(), "nothing left to report");
        }
    }

    @Test
    void theFilterPassesEveryOtherRecordOfTheConnectionLogger() {
        DroppedConnections counter = new DroppedConnections(System::nanoTime);
        LogRecord unrelated = new LogRecord(Level.WARNING, "Internal server error");
        unrelated.setThrown(new IllegalStateException("a real bug"));
        assertTrue(counter.admit(unrelated));
        LogRecord truncated = new LogRecord(Level.WARNING, "Internal server error");
        truncated.setThrown(new RuntimeException("Internal error",
                new io.helidon.common.buffers.DataReader.InsufficientDataAvailableException()));
        assertFalse(counter.admit(truncated));
        assertEquals(1, counter.total());
    }
}
