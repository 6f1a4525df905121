package io.maid.goose.testkit;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The HTTPS targets of the {@link TransportTlsContract}, made once per JVM (certificates cost keytool runs):
 * servers on 127.0.0.1 presenting certificates of one {@link CertificateAuthority} — a valid one (also for
 * {@code localhost}), an expired one, one for another host — and valid ones that speak only TLS 1.2 or only
 * TLS 1.3. Each answers {@code /echo/*} with 200 "ok", and {@code /close/*} with 200 and
 * {@code Connection: close}; it records per raw path what the TLS layer saw: the protocol, the session id
 * and the SNI host name the client sent (or "" for none).
 */
final class TlsTargets {
    /** What one server saw of one request's TLS. */
    record Seen(String protocol, String sessionId, String sniHost, int remotePort) {
    }

    private static TlsTargets shared;

    final CertificateAuthority ca = new CertificateAuthority();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    final HttpsServer valid;
    final HttpsServer expired;
    final HttpsServer otherHost;
    final HttpsServer tls12;
    final HttpsServer tls13;

    private TlsTargets() {
        if (!"false".equals(System.getProperty("jdk.tls.server.enableSessionTicketExtension"))) {
            // a client may resume a ticket with a fresh session id, and the resumption test reads the id
            throw new IllegalStateException("the HTTPS test servers need -Djdk.tls.server.enableSessionTicketExtension=false"
                    + " (the build's surefire argLine sets it) so that TLS 1.2 sessions resume by their id");
        }
        // keytool is a JVM per step: the three certificates are made side by side
        SSLContext good;
        SSLContext old;
        SSLContext elsewhere;
        try (ExecutorService makers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<SSLContext> goodOne = makers.submit(() -> ca.issue("ip:127.0.0.1,dns:localhost", null, 2));
            Future<SSLContext> expiredOne = makers.submit(() -> ca.issue("ip:127.0.0.1,dns:localhost", "-30d", 10));
            Future<SSLContext> otherOne = makers.submit(() -> ca.issue("dns:other.example", null, 2));
            good = goodOne.get();
            old = expiredOne.get();
            elsewhere = otherOne.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the test certificates", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not make the test certificates", e.getCause());
        }
        valid = serve(good, null);
        expired = serve(old, null);
        otherHost = serve(elsewhere, null);
        tls12 = serve(good, "TLSv1.2");
        tls13 = serve(good, "TLSv1.3");
    }

    /** The targets, made on first use and stopped when the JVM exits. */
    static synchronized TlsTargets shared() {
        if (shared == null) {
            TlsTargets made = new TlsTargets();
            Runtime.getRuntime().addShutdownHook(new Thread(made::stop));
            shared = made;
        }
        return shared;
    }

    Path caBundle() {
        return ca.caBundle();
    }

    static URI base(HttpsServer server) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    static URI byName(HttpsServer server) {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** What the TLS layer saw of the request to {@code rawPath}, or null. */
    Seen seen(String rawPath) {
        return seen.get(rawPath);
    }

    private HttpsServer serve(SSLContext context, String onlyProtocol) {
        HttpsServer server;
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                if (onlyProtocol != null) {
                    parameters.setProtocols(new String[] {onlyProtocol});
                }
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getRawPath();
                var session = ((HttpsExchange) exchange).getSSLSession();
                String sni = "";
                if (session instanceof ExtendedSSLSession extended) {
                    for (SNIServerName name : extended.getRequestedServerNames()) {
                        if (name instanceof SNIHostName host) {
                            sni = host.getAsciiName();
                        }
                    }
                }
                seen.put(path, new Seen(session.getProtocol(), HexFormat.of().formatHex(session.getId()), sni,
                        exchange.getRemoteAddress().getPort()));
                if (path.startsWith("/close/")) {
                    exchange.getResponseHeaders().add("Connection", "close");
                }
                byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(threads);
        server.start();
        return server;
    }

    private void stop() {
        for (HttpsServer server : List.of(valid, expired, otherHost, tls12, tls13)) {
            server.stop(0);
        }
        threads.shutdownNow();
        ca.close();
    }
}
