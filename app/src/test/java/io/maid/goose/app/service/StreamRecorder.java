package io.maid.goose.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client of the service's stream that keeps every envelope, in order, and the close code. */
final class StreamRecorder implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<JsonNode> envelopes = new CopyOnWriteArrayList<>();
    volatile int closeCode = -1;
    private final StringBuilder part = new StringBuilder();
    WebSocket ws;

    /** Connects to {@code baseUrl}/stream (the API's http base URL) with an API key. */
    static StreamRecorder connect(HttpClient http, String baseUrl, String apiKey) throws Exception {
        StreamRecorder r = new StreamRecorder();
        r.ws = http.newWebSocketBuilder().header("x-api-key", apiKey)
                .buildAsync(URI.create(baseUrl.replace("http", "ws") + "/stream"), r).get(5, TimeUnit.SECONDS);
        return r;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        part.append(data);
        if (last) {
            try {
                envelopes.add(JSON.readTree(part.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            part.setLength(0);
        }
        w.request(1);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    /** The bodies of every envelope with {@code tag} ({@code Metrics}, {@code Status} or {@code Log}), in order. */
    List<JsonNode> all(String tag) {
        return envelopes.stream().filter(e -> e.has(tag)).map(e -> e.get(tag)).toList();
    }

    /** True once the final Status of {@code runId} (phase completed) has arrived. */
    boolean ended(String runId) {
        return all("Status").stream().anyMatch(s -> runId.equals(s.path("run_id").asText())
                && "completed".equals(s.path("phase").asText()));
    }

    void close() throws Exception {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }
}
