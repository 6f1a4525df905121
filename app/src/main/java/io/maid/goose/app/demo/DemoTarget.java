package io.maid.goose.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's in-process target on 127.0.0.1 (a free port): {@code /} answers at once, {@code /slow}
 * after 50 ms, {@code /flaky} fails every 20th request (5%) with 500. It counts every request it
 * receives, so the demo can show that the engine's count is the target's own.
 */
public final class DemoTarget implements AutoCloseable {
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong flakyCalls = new AtomicLong();

    public DemoTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        received.incrementAndGet();
        try (ex; InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            int status = 200;
            switch (ex.getRequestURI().getPath()) {
                case "/" -> { }
                case "/slow" -> pause(50);
                case "/flaky" -> status = flakyCalls.incrementAndGet() % 20 == 0 ? 500 : 200;
                default -> status = 404;
            }
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(status, OK.length);
            ex.getResponseBody().write(OK);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the endpoint's defined latency, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests received so far: the target's own count. */
    public long requestsReceived() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
