package io.maid.goose.adapter.http.helidon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A java.net.http WebSocket client that keeps every text message it receives, in order. */
final class WsCollector implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private StringBuilder partial = new StringBuilder();
    private final HttpClient client = HttpClient.newHttpClient();
    volatile int closeCode = -1;
    WebSocket ws;

    static WsCollector connect(String url, String... headers) {
        WsCollector c = new WsCollector();
        WebSocket.Builder b = c.client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        c.ws = b.buildAsync(URI.create(url), c).orTimeout(10, TimeUnit.SECONDS).join();
        return c;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String m = partial.toString();
            partial = new StringBuilder();
            all.add(m);
            messages.add(m);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    /** The next message, or an assertion failure after {@code timeout}. */
    String next(Duration timeout) {
        try {
            String m = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no stream message within " + timeout.toMillis() + " ms");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    int received() {
        return all.size();
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(t -> null).join();
        }
        if (ws != null) {
            ws.abort();
        }
        client.close();
    }
}
