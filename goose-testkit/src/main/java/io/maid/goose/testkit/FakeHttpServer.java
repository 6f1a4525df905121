package io.maid.goose.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1, port 0 ({@code com.sun.net.httpserver}), that answers each path with
 * scripted replies (in order; the last one repeats) and records every request it receives: the one fake
 * upstream the plugin tests build on (the mistral.rs and maid-apikeys stand-ins included). Handlers run on
 * their own threads, so a reply that hangs holds up only its own request. Thread-safe.
 */
public final class FakeHttpServer implements AutoCloseable {

    /** One request as received. Header names are lower case. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How the server answers one request. */
    public sealed interface Reply {
        record Body(int status, String contentType, String body) implements Reply {
        }

        /** Never answers until the server closes. */
        record Hang() implements Reply {
        }

        /** Sends the status line and headers, part of a body, then stalls until the server closes. */
        record StallBody() implements Reply {
        }

        /** Closes the connection without answering. */
        record Close() implements Reply {
        }

        /** Decides the reply from the request, on the request's own thread (it may block). */
        record Computed(Function<Recorded, Reply> answer) implements Reply {
        }

        static Reply json(int status, String body) {
            return new Body(status, "application/json", body);
        }

        static Reply text(int status, String body) {
            return new Body(status, "text/plain", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-http");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, Deque<Reply>> scripts = new HashMap<>();
    private final List<Recorded> requests = new ArrayList<>();

    public FakeHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code path} with {@code replies} in order; the last one repeats. Replaces earlier scripts. */
    public synchronized FakeHttpServer on(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        String path = exchange.getRequestURI().getPath();
        Recorded recorded = new Recorded(exchange.getRequestMethod(), path, Map.copyOf(headers), body);
        Reply reply;
        synchronized (this) {
            requests.add(recorded);
            Deque<Reply> script = scripts.get(path);
            if (script == null || script.isEmpty()) {
                reply = Reply.text(404, "no script for " + path);
            } else {
                reply = script.size() > 1 ? script.poll() : script.peek();
            }
        }
        while (reply instanceof Reply.Computed c) {
            reply = c.answer().apply(recorded);
        }
        switch (reply) {
            case Reply.Computed c -> throw new IllegalStateException("unreachable");
            case Reply.Body b -> {
                byte[] bytes = b.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", b.contentType());
                exchange.sendResponseHeaders(b.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            case Reply.Hang h -> awaitRelease();
            case Reply.StallBody s -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"id\":\"x\",\"choices\":[".getBytes(StandardCharsets.UTF_8));
                out.flush();
                awaitRelease();
            }
            case Reply.Close c -> exchange.close();
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port on 127.0.0.1 where nothing listens (bound, then released). */
    public static URI refusedUri() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
