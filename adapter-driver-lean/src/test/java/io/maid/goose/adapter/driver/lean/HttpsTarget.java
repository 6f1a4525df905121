package io.maid.goose.adapter.driver.lean;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.maid.goose.testkit.SelfSignedCertificate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTPS target on 127.0.0.1 with a fresh {@link SelfSignedCertificate}: answers
 * every request with 200 and the body {@code secure}, and records the paths it was asked for.
 */
final class HttpsTarget implements AutoCloseable {
    static final byte[] BODY = "secure".getBytes(StandardCharsets.US_ASCII);

    final List<String> paths = new CopyOnWriteArrayList<>();
    /** The length of each request body it read, in arrival order. */
    final List<Integer> bodyLengths = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final SelfSignedCertificate certificate = new SelfSignedCertificate();
    private final HttpsServer server;

    HttpsTarget() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext("/", exchange -> {
            try (exchange) {
                bodyLengths.add(exchange.getRequestBody().readAllBytes().length);
                paths.add(exchange.getRequestURI().getRawPath());
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BODY);
                }
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    URI base() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        threads.shutdownNow();
        certificate.close();
    }
}
