package io.maid.goose.adapter.driver.lean;

import io.maid.goose.testkit.RawHttp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A raw HTTP/1.1 target on 127.0.0.1 for what the transport contract cannot see: how many requests and
 * connections the server gets, and the exact bytes of each request. Answers each request with a reply and
 * closes a connection after {@code perConnection} requests, without saying so.
 */
final class CountingTarget implements AutoCloseable {
    /** What one request looked like on arrival. */
    record Seen(String head, long bodyLength, long bodyCrc, int clientPort) {
        /** The value of the first header called {@code name} (case-insensitive), or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** Writes the answer to one request (the target's own pacing included, if any). */
    interface Reply {
        void write(OutputStream out) throws IOException;
    }

    /**
     * The first answer promises 100 body bytes, sends 7 and then stalls for 5 s; every later one is
     * {@code answer}. For response timeouts and the fresh connection that must follow one.
     */
    static Reply firstAnswerStallsHalfway(String answer) {
        AtomicInteger calls = new AtomicInteger();
        return out -> {
            if (calls.incrementAndGet() == 1) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                pause(Duration.ofSeconds(5));
            } else {
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            }
        };
    }

    final AtomicInteger requests = new AtomicInteger();
    /** Connections taken from the listen queue, counted as each is taken (so in arrival order). */
    final AtomicInteger accepted = new AtomicInteger();
    final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final ServerSocket listener;
    private final Thread acceptor;

    CountingTarget(String reply, int perConnection) throws IOException {
        this(out -> out.write(reply.getBytes(StandardCharsets.ISO_8859_1)), perConnection, false);
    }

    CountingTarget(Reply reply, int perConnection) throws IOException {
        this(reply, perConnection, false);
    }

    /**
     * Answers {@code perConnection} requests per connection, then reads (and counts) one more and closes the
     * connection without answering it: the server that read a request and then went away.
     */
    static CountingTarget readingOneMore(String reply, int perConnection) throws IOException {
        return new CountingTarget(out -> out.write(reply.getBytes(StandardCharsets.ISO_8859_1)), perConnection, true);
    }

    private CountingTarget(Reply reply, int perConnection, boolean readOneMore) throws IOException {
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(connection, reply, perConnection, readOneMore));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void serve(Socket connection, Reply reply, int perConnection, boolean readOneMore) {
        try (connection) {
            clientPorts.add(connection.getPort());
            InputStream in = new BufferedInputStream(connection.getInputStream());
            for (int served = 0; served < perConnection; served++) {
                String head = RawHttp.readHead(in);
                if (head == null) {
                    return;
                }
                seen.add(readBody(in, head, connection.getPort()));
                requests.incrementAndGet();
                reply.write(connection.getOutputStream());
                connection.getOutputStream().flush();
            }
            if (readOneMore && RawHttp.readHead(in) != null) {
                requests.incrementAndGet();
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    private static Seen readBody(InputStream in, String head, int port) throws IOException {
        String length = new Seen(head, 0, 0, port).header("Content-Length");
        long left = length == null ? 0 : Long.parseLong(length.toLowerCase(Locale.ROOT));
        long total = left;
        CRC32 crc = new CRC32();
        byte[] piece = new byte[64 * 1024];
        while (left > 0) {
            int n = in.read(piece, 0, (int) Math.min(piece.length, left));
            if (n < 0) {
                throw new IOException("the body ended " + left + " bytes early");
            }
            crc.update(piece, 0, n);
            left -= n;
        }
        return new Seen(head, total, crc.getValue(), port);
    }

    /** The target's own pacing (what it does, not how a test waits for it). */
    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
