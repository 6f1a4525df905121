package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows a run over the service's WebSocket stream and prints one progress line per {@code Metrics}
 * envelope and every {@code Log} line, until the run's completion log arrives.
 */
final class StreamFollower implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final StringBuilder partial = new StringBuilder();
    private final CountDownLatch ended = new CountDownLatch(1);
    private WebSocket socket;

    private StreamFollower(PrintStream out) {
        this.out = out;
    }

    static StreamFollower open(ServiceClient api, PrintStream out) throws Exception {
        StreamFollower f = new StreamFollower(out);
        f.socket = api.openStream(f).get(10, TimeUnit.SECONDS);
        return f;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            handle(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return CompletableFuture.completedFuture(null);
    }

    private void handle(String text) {
        try {
            JsonNode env = JSON.readTree(text);
            if (env.has("Metrics")) {
                JsonNode m = env.get("Metrics");
                out.println(ConsoleProgress.progressLine(m.path("elapsed_seconds").asDouble(), m.path("phase").asText(),
                        m.path("active_users").asInt(), m.path("throughput_rps").asDouble(),
                        m.path("latency_p50_ms").asDouble(), m.path("latency_p99_ms").asDouble(),
                        m.path("error_rate").asDouble())
                        + (m.path("cpu_usage").isNumber()
                        ? String.format(Locale.ROOT, "  cpu %5.1f%%", m.path("cpu_usage").asDouble()) : "  cpu     ?"));
            } else if (env.has("Log")) {
                String msg = env.get("Log").path("message").asText();
                out.println("  [" + env.get("Log").path("level").asText() + "] " + msg);
            } else if (env.has("Status") && "completed".equals(env.get("Status").path("phase").asText())
                    && !env.get("Status").path("run_id").isNull()) {
                ended.countDown();
            }
        } catch (Exception e) {
            out.println("  (unreadable stream message: " + e.getMessage() + ")");
        }
    }

    /** Waits for the run's final status on the stream (it may already have arrived). */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "demo done");
        }
    }
}
