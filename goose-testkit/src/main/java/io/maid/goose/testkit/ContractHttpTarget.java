package io.maid.goose.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link TransportContract}'s well-behaved target: one JDK {@link HttpServer} on 127.0.0.1 (and, on
 * first use, an {@link HttpsServer} twin with a self-signed certificate) that records every request by its
 * raw path, with the remote port of the exchange (which is how connection reuse is observed).
 *
 * <p>Routes: {@code /echo/*} 200 "ok"; {@code /status/500/*} 500 "boom"; {@code /cookie/set/V} sets
 * {@code goose_user=V}; {@code /redirect/T} 302 to {@code /echo/T-final}; {@code /redirect-to/PORT/T} 302 to
 * {@code http://localhost:PORT/stolen/T}; {@code /bytes/N/*} N bytes; {@code /chunked/N/*} N bytes chunked;
 * {@code /hang/*} answers only when the target stops.
 */
final class ContractHttpTarget implements AutoCloseable {
    private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();
    private final AtomicInteger hungArrivals = new AtomicInteger();
    private final CountDownLatch releaseHung = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer http;
    private final URI plainBase;
    /** The main target when the contract runs over TLS: the same routes, behind a certificate of its own. */
    private final HttpsServer secure;
    private final SelfSignedCertificate secureCertificate;
    private final URI base;
    private HttpsTarget https;

    /** @param overTls whether the main target speaks HTTPS (the plain one stays, at {@link #plainBase()}) */
    ContractHttpTarget(boolean overTls) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        route(http);
        http.setExecutor(threads);
        http.start();
        plainBase = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        if (overTls) {
            secureCertificate = new SelfSignedCertificate();
            secure = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            secure.setHttpsConfigurator(new HttpsConfigurator(secureCertificate.serverContext()));
            route(secure);
            secure.setExecutor(threads);
            secure.start();
            base = URI.create("https://127.0.0.1:" + secure.getAddress().getPort());
        } else {
            secureCertificate = null;
            secure = null;
            base = plainBase;
        }
    }

    /** The main target: plain, or over TLS with the certificate {@link #caBundle()} trusts. */
    URI base() {
        return base;
    }

    /** The plain HTTP target, whatever the main one speaks. */
    URI plainBase() {
        return plainBase;
    }

    /** Trusts the main target's certificate when it speaks TLS; else null. */
    Path caBundle() {
        return secureCertificate == null ? null : secureCertificate.caBundle();
    }

    /** Serves the main target's certificate (for raw targets over TLS); null when it is plain. */
    javax.net.ssl.SSLContext serverContext() {
        return secureCertificate == null ? null : secureCertificate.serverContext();
    }

    /** What the target saw at {@code rawPath}, or null. */
    Recorded recorded(String rawPath) {
        return recorded.get(rawPath);
    }

    boolean saw(String rawPath) {
        return recorded.containsKey(rawPath);
    }

    int hungArrivals() {
        return hungArrivals.get();
    }

    synchronized HttpsTarget https() {
        if (https == null) {
            https = new HttpsTarget();
        }
        return https;
    }

    @Override
    public void close() {
        releaseHung.countDown();
        http.stop(0);
        if (secure != null) {
            secure.stop(0);
            secureCertificate.close();
        }
        synchronized (this) {
            if (https != null) {
                https.stop();
            }
        }
        threads.shutdownNow();
    }

    /** What the target saw of one request, keyed by its raw path (every test uses unique paths). */
    record Recorded(String method, String rawPath, String rawQuery, Headers headers, byte[] body,
                    int remotePort, CountDownLatch done) {
        List<String> cookies() {
            List<String> cookies = new ArrayList<>();
            for (String header : headers.getOrDefault("Cookie", List.of())) {
                for (String cookie : header.split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            }
            return cookies;
        }

        boolean completed() {
            return done.getCount() == 0;
        }
    }

    private void route(HttpServer server) {
        server.createContext("/echo/", recording((ex, r) -> respond(ex, 200, "ok".getBytes(StandardCharsets.US_ASCII))));
        server.createContext("/status/500/", recording((ex, r) -> respond(ex, 500, "boom".getBytes(StandardCharsets.US_ASCII))));
        server.createContext("/cookie/set/", recording((ex, r) -> {
            String value = r.rawPath().substring("/cookie/set/".length());
            ex.getResponseHeaders().add("Set-Cookie", "goose_user=" + value + "; Path=/");
            respond(ex, 200, "set".getBytes(StandardCharsets.US_ASCII));
        }));
        server.createContext("/redirect/", recording((ex, r) -> {
            ex.getResponseHeaders().add("Location", "/echo/" + r.rawPath().substring("/redirect/".length()) + "-final");
            ex.sendResponseHeaders(302, -1);
        }));
        server.createContext("/redirect-to/", recording((ex, r) -> {
            String[] parts = r.rawPath().split("/");
            ex.getResponseHeaders().add("Location", "http://localhost:" + parts[2] + "/stolen/" + parts[3]);
            ex.sendResponseHeaders(302, -1);
        }));
        server.createContext("/bytes/", recording((ex, r) -> {
            int size = Integer.parseInt(r.rawPath().split("/")[2]);
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            respond(ex, 200, body);
        }));
        server.createContext("/chunked/", recording((ex, r) -> {
            int size = Integer.parseInt(r.rawPath().split("/")[2]);
            ex.sendResponseHeaders(200, 0);
            byte[] piece = new byte[8192];
            Arrays.fill(piece, (byte) 'c');
            try (OutputStream out = ex.getResponseBody()) {
                for (int left = size; left > 0; left -= piece.length) {
                    out.write(piece, 0, Math.min(left, piece.length));
                    out.flush();
                }
            }
        }));
        server.createContext("/hang/", recording((ex, r) -> {
            hungArrivals.incrementAndGet();
            try {
                releaseHung.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(ex, 200, new byte[0]);
        }));
    }

    private interface Responder {
        void respond(HttpExchange exchange, Recorded recorded) throws IOException;
    }

    private HttpHandler recording(Responder responder) {
        return exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Headers headers = new Headers();
                headers.putAll(exchange.getRequestHeaders());
                URI uri = exchange.getRequestURI();
                Recorded r = new Recorded(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
                        body, exchange.getRemoteAddress().getPort(), new CountDownLatch(1));
                recorded.put(r.rawPath(), r);
                try {
                    responder.respond(exchange, r);
                } finally {
                    r.done().countDown();
                }
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An HTTPS twin of the plain target, with a fresh self-signed certificate for 127.0.0.1 and localhost. */
    final class HttpsTarget {
        private final SelfSignedCertificate certificate = new SelfSignedCertificate();
        private final HttpsServer server;

        HttpsTarget() {
            try {
                server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            } catch (IOException e) {
                certificate.close();
                throw new UncheckedIOException(e);
            }
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            route(server);
            server.setExecutor(threads);
            server.start();
        }

        URI base() {
            return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        }

        Path caBundle() {
            return certificate.caBundle();
        }

        void stop() {
            server.stop(0);
            certificate.close();
        }
    }
}
