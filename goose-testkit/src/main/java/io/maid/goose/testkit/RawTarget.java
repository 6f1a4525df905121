package io.maid.goose.testkit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
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
import java.util.function.Function;

/**
 * A target on 127.0.0.1 that speaks raw bytes, for what a well-behaved server never does: each connection it
 * accepts is handed to a {@link Conversation} on a virtual thread of its own, and closed when that returns.
 *
 * <p>It counts what a real server would count: the connections it accepted, the request heads it read (through
 * {@link Connection#readRequest()}, which also skips a {@code Content-Length} body), and the connections it
 * closed; it keeps every request head it read, in order.
 */
final class RawTarget implements AutoCloseable {
    /** What the target does on one connection. */
    @FunctionalInterface
    interface Conversation {
        void serve(Connection connection) throws IOException;
    }

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<String> heads = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ServerSocket listener;
    private final SSLContext tls;
    private final Thread acceptor;
    private final boolean keepHeads;

    RawTarget(Conversation conversation) throws IOException {
        this(conversation, null, true);
    }

    /** @param tls when not null, every accepted connection speaks TLS (as a server, with this context) first */
    RawTarget(Conversation conversation, SSLContext tls) throws IOException {
        this(conversation, tls, true);
    }

    /** @param keepHeads whether to keep every request head read ({@link #heads}); a long run may not want them */
    RawTarget(Conversation conversation, boolean keepHeads) throws IOException {
        this(conversation, null, keepHeads);
    }

    private RawTarget(Conversation conversation, SSLContext tls, boolean keepHeads) throws IOException {
        this.tls = tls;
        this.keepHeads = keepHeads;
        listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = secure(listener.accept());
                    int index = connections.getAndIncrement();
                    open.add(socket);
                    Thread.ofVirtual().start(() -> serve(socket, index, conversation));
                } catch (IOException closedListener) {
                    return;
                }
            }
        });
    }

    /** Reads one request, writes {@code reply} and closes the connection. */
    static RawTarget replying(String reply) throws IOException {
        return replying(reply, null);
    }

    /** {@link #replying(String)}, over TLS when {@code tls} is not null. */
    static RawTarget replying(String reply, SSLContext tls) throws IOException {
        return new RawTarget(c -> {
            c.readRequest();
            c.write(reply);
        }, tls);
    }

    /** Reads one request, writes {@code reply} and then keeps the connection open until the client closes it. */
    static RawTarget replyingAndHolding(String reply) throws IOException {
        return replyingAndHolding(reply, null);
    }

    /** {@link #replyingAndHolding(String)}, over TLS when {@code tls} is not null. */
    static RawTarget replyingAndHolding(String reply, SSLContext tls) throws IOException {
        return new RawTarget(c -> {
            c.readRequest();
            c.write(reply);
            c.awaitClientClose();
        }, tls);
    }

    /**
     * Answers every request on every connection with {@code reply} given the request's head, keeping each
     * connection open until the client closes it.
     */
    static RawTarget serving(Function<String, String> reply) throws IOException {
        return serving(reply, null);
    }

    /** {@link #serving(Function)}, over TLS when {@code tls} is not null. */
    static RawTarget serving(Function<String, String> reply, SSLContext tls) throws IOException {
        return new RawTarget(c -> {
            String head;
            while ((head = c.readRequest()) != null) {
                c.write(reply.apply(head));
            }
        }, tls);
    }

    URI base() {
        return URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + listener.getLocalPort());
    }

    private Socket secure(Socket accepted) throws IOException {
        if (tls == null) {
            return accepted;
        }
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(accepted, null, accepted.getPort(), true);
        socket.setUseClientMode(false);
        return socket;
    }

    private void serve(Socket socket, int index, Conversation conversation) {
        try (socket) {
            conversation.serve(new Connection(socket, index));
        } catch (IOException gone) {
            // the client went away, or the target was closed: either way this conversation is over
        } finally {
            open.remove(socket);
            closed.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One accepted connection, seen from the target. */
    final class Connection {
        final int index;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket, int index) throws IOException {
            this.socket = socket;
            this.index = index;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** Reads a request head (and its Content-Length body); null when the client closed first. Counts it. */
        String readRequest() throws IOException {
            String text = RawHttp.readHead(in);
            if (text == null) {
                return null;
            }
            long body = contentLength(text);
            while (body > 0) {
                long skipped = in.skip(body);
                if (skipped <= 0 && in.read() < 0) {
                    break;
                }
                body -= Math.max(1, skipped);
            }
            if (keepHeads) {
                heads.add(text);
            }
            requests.incrementAndGet();
            return text;
        }

        void write(String ascii) throws IOException {
            write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Blocks until the client closes the connection (or sends more, which is read and dropped). */
        void awaitClientClose() throws IOException {
            while (in.read() >= 0) {
                // the test's client decides when this ends
            }
        }

        /** The target's own pacing (what it does, not how a test waits for it). */
        void pause(Duration d) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static long contentLength(String head) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                    return Long.parseLong(line.substring(colon + 1).strip());
                }
            }
            return 0;
        }
    }
}
