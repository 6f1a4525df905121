package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows one run over the service's WebSocket stream and prints it with the same {@link ProgressPrinter}
 * as {@code goose run}: a row per {@code Metrics} envelope and every {@code Log} line, until the run's final
 * {@code Status} ({@code phase: completed}) arrives.
 *
 * <p>The stream is open before the run is started, and the run's first events usually arrive before the
 * answer to the start request does. They are held until {@link #release} names the run: then they are
 * printed after the caller's own line about the start, in their order, and envelopes of any other run are
 * ignored (a {@code Status} for an earlier run must not end this one).
 */
final class StreamFollower implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProgressPrinter printer;
    private final StringBuilder partial = new StringBuilder();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final List<JsonNode> held = new ArrayList<>();
    private String runId;
    private boolean muted;
    private WebSocket socket;

    StreamFollower(ProgressPrinter printer) {
        this.printer = printer;
    }

    static StreamFollower open(ServiceClient api, PrintStream out, int width) throws Exception {
        StreamFollower f = new StreamFollower(new ProgressPrinter(out::println, width));
        f.socket = api.openStream(f).get(10, TimeUnit.SECONDS);
        return f;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            accept(text);
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
    }

    /** One whole stream message. */
    synchronized void accept(String text) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(text);
        } catch (Exception e) {
            if (!muted) {
                printer.note("  (unreadable stream message: " + e.getMessage() + ")");
            }
            return;
        }
        if (runId == null) {
            held.add(envelope);
        } else {
            handle(envelope);
        }
    }

    /** The run to follow is {@code runId}, planned for {@code plannedSeconds}: prints what was held for it. */
    synchronized void release(String runId, long plannedSeconds) {
        this.runId = runId;
        printer.planned(plannedSeconds);
        held.forEach(this::handle);
        held.clear();
    }

    private void handle(JsonNode envelope) {
        if (muted) {
            return;
        }
        if (envelope.has("Metrics") && ours(envelope.get("Metrics"))) {
            printer.sample(ProgressSample.of(envelope.get("Metrics")));
        } else if (envelope.has("Log") && ours(envelope.get("Log"))) {
            JsonNode log = envelope.get("Log");
            printer.log(log.path("level").asText(), log.path("message").asText());
        } else if (envelope.has("Status") && ours(envelope.get("Status"))) {
            JsonNode status = envelope.get("Status");
            printer.planned(status.path("planned_seconds").asLong());
            if ("completed".equals(status.path("phase").asText())) {
                ended.countDown();
            }
        }
    }

    private boolean ours(JsonNode body) {
        return runId.equals(body.path("run_id").asText(null));
    }

    /**
     * Waits for the run's final status on the stream (it may already have arrived); from then on nothing
     * more is printed, so that the caller's summary is not interleaved with late lines.
     *
     * @return false if it did not arrive in time
     */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        boolean arrived = ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (this) {
            muted = true;
        }
        return arrived;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "demo done");
        }
    }
}
