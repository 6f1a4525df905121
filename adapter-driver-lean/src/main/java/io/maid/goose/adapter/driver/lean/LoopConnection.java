package io.maid.goose.adapter.driver.lean;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking connection of a {@link LeanLoopSession} — its kept-alive primary, or a redirect's detour —
 * registered with its loop's selector. Its interest is {@code OP_READ} except while connecting
 * ({@code OP_CONNECT}) and while a write was partial ({@code OP_WRITE}), so a kept-alive connection stays
 * readable between requests and a server that closes it while idle is seen by the select the loop makes anyway.
 * An https connection speaks through its {@link LoopTls}, a separate object a plain connection never has:
 * plain reads and writes go straight to the channel.
 *
 * <p>Loop thread only.
 */
final class LoopConnection {
    private final SocketChannel channel;
    private final SelectionKey key;
    private final boolean connectedAtOnce;
    /** TLS over the channel, for an https connection once its handshake started; null for plain HTTP. */
    private LoopTls tls;
    private boolean writeInterest;
    /** No interest at all: the TLS handshake's tasks run elsewhere, nothing is to be read or written. */
    private boolean paused;
    /** The loop's select time when its last exchange ended. */
    private long idleSince;

    private LoopConnection(SocketChannel channel, SelectionKey key, boolean connectedAtOnce) {
        this.channel = channel;
        this.key = key;
        this.connectedAtOnce = connectedAtOnce;
    }

    /**
     * Opens a non-blocking connection to {@code address}, registered for {@code handler}.
     *
     * @throws IOException as {@link SocketChannel#connect} does (a refusal may be reported at once)
     */
    static LoopConnection open(LeanEventLoop loop, InetSocketAddress address, LeanEventLoop.ChannelHandler handler)
            throws IOException {
        // An IPv4 target gets an IPv4 socket: the default (a dual-stack IPv6 socket speaking to a mapped address)
        // takes the kernel's IPv6 send path for every write.
        SocketChannel channel = address.getAddress() instanceof Inet4Address
                ? SocketChannel.open(StandardProtocolFamily.INET) : SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            SelectionKey key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, handler);
            return new LoopConnection(channel, key, connected);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Whether the connect completed inside {@link #open} (otherwise wait for {@code OP_CONNECT}). */
    boolean connectedAtOnce() {
        return connectedAtOnce;
    }

    boolean owns(SelectionKey k) {
        return k == key;
    }

    /** Completes a pending connect; false while it is still pending. */
    boolean finishConnect() throws IOException {
        if (!channel.finishConnect()) {
            return false;
        }
        key.interestOps(SelectionKey.OP_READ);
        return true;
    }

    /** Puts TLS over the connected channel; {@link #handshake} then shakes hands. */
    void secure(LoopTls layer) {
        tls = layer;
    }

    /**
     * Moves the TLS handshake on as far as the socket allows, waiting for {@code OP_READ} or {@code OP_WRITE}
     * as it needs, or for nothing while its tasks run ({@link LoopTls#NEED_TASKS}).
     *
     * @return {@link LoopTls#DONE}, {@link LoopTls#NEED_READ}, {@link LoopTls#NEED_WRITE} or
     *         {@link LoopTls#NEED_TASKS}
     */
    int handshake() throws IOException {
        int step = tls.handshake(channel);
        if (step == LoopTls.NEED_TASKS) {
            key.interestOps(0); // a readable socket must not wake the loop again and again meanwhile
            paused = true;
            writeInterest = false;
        } else if (step == LoopTls.NEED_WRITE) {
            paused = false;
            awaitWritable();
        } else if (paused) {
            key.interestOps(SelectionKey.OP_READ);
            paused = false;
        } else {
            written(); // back to OP_READ: for the server's next flight, or the response
        }
        return step;
    }

    /** The handshake's tasks, to run off the loop (see {@link LoopTls#delegatedTasks()}). */
    Runnable handshakeTasks() {
        return tls.delegatedTasks();
    }

    /** Writes what the socket takes of {@code bytes} (encrypted on an https connection); returns how much. */
    int write(ByteBuffer bytes) throws IOException {
        return tls == null ? channel.write(bytes) : tls.write(channel, bytes);
    }

    /** Whether everything written has gone to the socket (an https connection may still hold records). */
    boolean flushed() throws IOException {
        return tls == null || tls.flush(channel);
    }

    /** The socket took less than all: wait for {@code OP_WRITE}. */
    void awaitWritable() {
        if (!writeInterest) {
            key.interestOps(SelectionKey.OP_WRITE);
            writeInterest = true;
        }
    }

    /** The request is written: back to {@code OP_READ}. */
    void written() {
        if (writeInterest) {
            key.interestOps(SelectionKey.OP_READ);
            writeInterest = false;
        }
    }

    int read(ByteBuffer room) throws IOException {
        return tls == null ? channel.read(room) : tls.read(channel, room);
    }

    /** Its exchange ended at the loop's select time {@code nanos}; it now waits for the next request. */
    void idle(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    /**
     * Whether the server closed the idle connection, or sent bytes nobody asked for (then it no longer tells
     * where an answer starts): one non-blocking read into {@code scratch}.
     */
    boolean unusableWhileIdle(ByteBuffer scratch) {
        if (tls != null) {
            return tls.unusableWhileIdle(channel, scratch.clear());
        }
        try {
            return channel.read(scratch) != 0;
        } catch (IOException e) {
            return true;
        }
    }

    void close() {
        if (tls != null) {
            tls.close(channel);
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the channel is abandoned either way
        }
    }
}
