// A load-test target whose answers are known, to check what goose measures against the truth.
//
//   $JAVA_HOME/bin/java bench/TruthTarget.java PORT [DELAY_MS=50] [STALL_EVERY_S=10] [STALL_MS=1000]
//
// Listens on 127.0.0.1:PORT (JDK HttpServer, a virtual thread per exchange). Every request is answered
// "ok\n" with status 200 exactly DELAY_MS after it arrived (waiting on the monotonic clock to the deadline,
// not sleeping a duration), except during a stall: for STALL_MS once every STALL_EVERY_S seconds (the first
// window opens STALL_EVERY_S / 2 seconds after start), every request arriving inside the window is answered
// when the window ends, or DELAY_MS after arriving if that is later. GET /__count returns the number of other
// requests received so far; GET /__stalls lists the stall windows, in seconds since start; GET /__held says how
// long the target itself held the other requests, from the moment its handler took each to the moment the answer
// was written: "p50_ms count", the nearest-rank median over all of them (the target's own view of the latency,
// which a client cannot measure below).
// With TRUTH_TLS_P12 (a PKCS#12 key store) and TRUTH_TLS_PASSWORD in the environment it serves HTTPS instead.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.Executors;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

public class TruthTarget {
    private static final byte[] OK = "ok\n".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        long delayNanos = (args.length > 1 ? Long.parseLong(args[1]) : 50) * 1_000_000L;
        long everyNanos = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1_000_000_000L;
        long stallNanos = (args.length > 3 ? Long.parseLong(args[3]) : 1000) * 1_000_000L;
        long start = System.nanoTime();
        long firstStall = everyNanos / 2;
        AtomicLong received = new AtomicLong();
        AtomicLongArray held = new AtomicLongArray(4_000_000);
        AtomicInteger heldCount = new AtomicInteger();

        HttpServer server = System.getenv("TRUTH_TLS_P12") == null
                ? HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096)
                : https(port, System.getenv("TRUTH_TLS_P12"), System.getenv("TRUTH_TLS_PASSWORD"));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/__count", exchange -> reply(exchange, (received.get() + "\n").getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/__stalls", exchange -> {
            long elapsed = System.nanoTime() - start;
            StringBuilder text = new StringBuilder();
            for (long s = firstStall; s < elapsed; s += everyNanos) {
                text.append(String.format("%.3f %.3f%n", s / 1e9, (s + stallNanos) / 1e9));
            }
            reply(exchange, text.toString().getBytes(StandardCharsets.US_ASCII));
        });
        server.createContext("/__held", exchange -> {
            int n = Math.min(heldCount.get(), held.length());
            long[] all = new long[n];
            for (int i = 0; i < n; i++) {
                all[i] = held.get(i);
            }
            Arrays.sort(all);
            double p50 = n == 0 ? 0 : all[(int) Math.ceil(n * 0.5) - 1] / 1e6;
            reply(exchange, String.format("%.3f %d%n", p50, n).getBytes(StandardCharsets.US_ASCII));
        });
        server.createContext("/", exchange -> {
            long arrived = System.nanoTime();
            received.incrementAndGet();
            long sinceStart = arrived - start;
            long deadline = arrived + delayNanos;
            if (sinceStart >= firstStall) {
                long intoWindow = (sinceStart - firstStall) % everyNanos;
                if (intoWindow < stallNanos) {
                    deadline = Math.max(deadline, arrived - intoWindow + stallNanos);
                }
            }
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            reply(exchange, OK);
            int i = heldCount.getAndIncrement();
            if (i < held.length()) {
                held.set(i, System.nanoTime() - arrived);
            }
        });
        server.start();
        System.out.println("TruthTarget on " + (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port + ": " + delayNanos / 1_000_000 + " ms answers, "
                + stallNanos / 1_000_000 + " ms stall every " + everyNanos / 1_000_000_000 + " s (first at "
                + firstStall / 1e9 + " s)");
    }

    private static HttpServer https(int port, String keyStore, String password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(keyStore))) {
                store.load(in, password.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return server;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot serve TLS from " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static void reply(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
