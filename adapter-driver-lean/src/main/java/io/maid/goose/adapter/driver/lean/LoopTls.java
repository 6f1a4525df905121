package io.maid.goose.adapter.driver.lean;

import io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * TLS on one non-blocking {@link LoopConnection}: an {@link SSLEngine} driven on the loop's thread — the
 * handshake a step at a time as the socket allows, then {@link #write} and {@link #read} with the same
 * contract as the channel's own, so the HTTP exchange above it is the plain one, byte for byte. Only https
 * connections have one; a plain connection never touches this class.
 *
 * <h2>Design</h2>
 * Records are made and opened in the loop's shared {@link TlsBuffers}; what has to outlive a call (a partial
 * record, plaintext the reader had no room for, records the socket did not take) goes into a pooled spare
 * that the connection holds only until those bytes are used.
 *
 * <p>The handshake's costly steps — generating the ClientHello's key share, and the delegated tasks
 * (certificate checks, key agreement): milliseconds of CPU, seconds for a burst while the JIT is cold — do not
 * run on the loop: {@link #handshake} returns {@link #NEED_TASKS} and the caller runs
 * {@link #delegatedTasks()} off the loop, then goes on with the handshake on the loop. So a burst of new TLS
 * connections never stalls the loop's other users (whose latencies it would inflate), and handshakes use every
 * core. Once per connection; requests themselves never leave the loop. The rare tasks after the handshake (a
 * TLS 1.3 session ticket) run inline.
 *
 * <p>Once the handshake is done, records go through the connection's {@link TlsRecords}: {@link BoringRecords}
 * for a BoringSSL engine (its native state directly, nothing allocated per record), {@link EngineRecords}
 * otherwise. The handshake and the close always go through the engine.
 *
 * <p>Reads: {@link #read} returns less than its room had space for only when it used everything it holds
 * but an incomplete record, and the socket had no more: so a caller that waits for {@code OP_READ} after a
 * short read never waits for bytes that are already here (the contract a plain channel read has).
 *
 * <p>Loop thread only.
 */
final class LoopTls {
    /** {@link #handshake}: done, the connection carries HTTP now. */
    static final int DONE = 0;
    /** {@link #handshake}: waits for the server's bytes ({@code OP_READ}). */
    static final int NEED_READ = 1;
    /** {@link #handshake}: waits for the socket to take more ({@code OP_WRITE}). */
    static final int NEED_WRITE = 2;
    /** {@link #handshake}: {@link #delegatedTasks()} must run (off the loop) before it can go on. */
    static final int NEED_TASKS = 3;

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final TlsBuffers buffers;
    /** Records read and not opened yet (a partial one), ready to be read; null when none. */
    private ByteBuffer carriedIn;
    /** Plaintext opened and not yet read, ready to be read; null when none. */
    private ByteBuffer carriedPlain;
    /** Records made and not written yet, ready to be written; null when none. */
    private ByteBuffer carriedOut;
    /** The record layer once the handshake is done; null before. */
    private TlsRecords records;
    private boolean started;
    /** Whether the engine began its handshake (in the first task run: it makes the ClientHello's key share). */
    private boolean begun;
    /** What beginning the handshake threw, off the loop; thrown by the next {@link #handshake} step. */
    private volatile SSLException beginFailed;

    LoopTls(SSLEngine engine, TlsBuffers buffers) {
        this.engine = engine;
        this.buffers = buffers;
        buffers.fit(engine.getSession());
    }

    /**
     * Moves the handshake on as far as the socket allows.
     *
     * @return {@link #DONE}, {@link #NEED_READ}, {@link #NEED_WRITE} or {@link #NEED_TASKS}
     * @throws SSLException when the handshake failed (certificate, host name, protocol)
     * @throws IOException  when the connection failed or ended during it
     */
    int handshake(SocketChannel channel) throws IOException {
        if (!started) {
            started = true;
            return NEED_TASKS; // the ClientHello's key generation is the first task: off the loop
        }
        if (beginFailed != null) {
            throw beginFailed;
        }
        while (true) {
            if (!flush(channel)) {
                return NEED_WRITE;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(channel, NOTHING);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapHandshake(channel)) {
                        return NEED_READ;
                    }
                }
                case NEED_TASK -> {
                    return NEED_TASKS;
                }
                default -> {
                    buffers.fit(engine.getSession());
                    BoringRecords direct = BoringRecords.of(engine, buffers);
                    records = direct != null ? direct : new EngineRecords(engine, buffers);
                    return flush(channel) ? DONE : NEED_WRITE;
                }
            }
        }
    }

    /**
     * The engine's delegated tasks, to run on a thread of their own after {@link #handshake} returned
     * {@link #NEED_TASKS}; the handshake goes on (on the loop) once it returned. Nothing else touches the
     * engine meanwhile but {@link #close}, which then sends no alert.
     */
    Runnable delegatedTasks() {
        return () -> {
            if (!begun) {
                begun = true;
                try {
                    engine.beginHandshake();
                } catch (SSLException e) {
                    beginFailed = e;
                    return;
                }
            }
            EngineRecords.runTasks(engine);
        };
    }

    /** The protocol the handshake settled on, e.g. {@code TLSv1.3}. */
    String protocol() {
        return engine.getSession().getProtocol();
    }

    /**
     * Encrypts and writes what the socket takes of {@code plain}.
     *
     * @return the plaintext bytes taken; less than all when the socket is full (then wait for
     *         {@code OP_WRITE} and {@link #flush} before the rest)
     */
    int write(SocketChannel channel, ByteBuffer plain) throws IOException {
        int taken = 0;
        while (plain.hasRemaining() && flush(channel)) {
            taken += wrap(channel, plain);
        }
        return taken;
    }

    /** Writes records still held; false while some are left (wait for {@code OP_WRITE}). */
    boolean flush(SocketChannel channel) throws IOException {
        if (carriedOut == null) {
            return true;
        }
        channel.write(carriedOut);
        if (carriedOut.hasRemaining()) {
            return false;
        }
        buffers.give(carriedOut);
        carriedOut = null;
        return true;
    }

    /**
     * Reads and decrypts into {@code room} what has arrived, as a channel read would.
     *
     * @return the plaintext bytes put; 0 when none is here yet; -1 when the server closed the connection
     */
    int read(SocketChannel channel, ByteBuffer room) throws IOException {
        int given = takeCarriedPlain(room);
        boolean inboundDone = records.inboundDone();
        if (!room.hasRemaining() || inboundDone) {
            return given == 0 && inboundDone ? -1 : given;
        }
        ByteBuffer net = buffers.netIn();
        while (true) {
            if (carriedIn != null) {
                net.put(carriedIn);
                buffers.give(carriedIn);
                carriedIn = null;
            }
            int space = net.remaining();
            int n = channel.read(net);
            net.flip();
            given += open(channel, net, room);
            if (net.hasRemaining()) {
                carriedIn = buffers.keep(net);
            }
            if (records.inboundDone() || n < 0) {
                return given == 0 ? -1 : given;
            }
            if (!room.hasRemaining() || n < space) {
                return given;
            }
            net.clear(); // the socket filled all the space there was: more may be waiting
        }
    }

    /**
     * Whether an idle connection can no longer carry a request: the server closed it, or sent plaintext
     * nobody asked for. Records without plaintext (a TLS 1.3 session ticket) leave it usable.
     */
    boolean unusableWhileIdle(SocketChannel channel, ByteBuffer scratch) {
        try {
            return carriedPlain != null || read(channel, scratch) != 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Says goodbye (close_notify, if the socket takes it at once) and gives back what it holds. */
    void close(SocketChannel channel) {
        try {
            if (records != null && channel.isOpen() && carriedOut == null) {
                engine.closeOutbound();
                ByteBuffer net = buffers.netOut();
                engine.wrap(NOTHING, net);
                net.flip();
                channel.write(net);
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: the connection is closed right after, with or without the alert
        }
        ReferenceCountUtil.release(engine); // BoringSSL's native state; a JDK engine is not reference counted
        buffers.give(carriedIn);
        buffers.give(carriedPlain);
        buffers.give(carriedOut);
        carriedIn = null;
        carriedPlain = null;
        carriedOut = null;
    }

    // ---- records --------------------------------------------------------------------------------------

    /** Makes one record of {@code plain} (or a handshake message) and writes it; what is left is kept. */
    private int wrap(SocketChannel channel, ByteBuffer plain) throws IOException {
        ByteBuffer net = buffers.netOut();
        // during the handshake, a task the engine asks for is the caller's, off the loop
        int taken = records != null ? records.seal(plain, net) : EngineRecords.wrap(engine, plain, net).bytesConsumed();
        net.flip();
        if (net.hasRemaining()) {
            channel.write(net);
            if (net.hasRemaining()) {
                carriedOut = buffers.keep(net);
            }
        }
        return taken;
    }

    /** One handshake unwrap; false when it needs bytes that have not arrived yet. */
    private boolean unwrapHandshake(SocketChannel channel) throws IOException {
        ByteBuffer net = buffers.netIn();
        if (carriedIn != null) {
            net.put(carriedIn);
            buffers.give(carriedIn);
            carriedIn = null;
        }
        net.flip();
        while (true) {
            // Unwrapped even when no new bytes are here: BoringSSL may hold a whole flight already (its delegated
            // task just ran) and moves on only when asked, where the JDK's answers BUFFER_UNDERFLOW.
            {
                ByteBuffer plain = buffers.plainIn();
                SSLEngineResult result = engine.unwrap(net, plain);
                switch (result.getStatus()) {
                    case OK -> {
                        if (result.bytesProduced() > 0) {
                            carriedPlain = buffers.append(carriedPlain, plain.flip());
                        }
                        if (net.hasRemaining()) {
                            carriedIn = buffers.keep(net);
                        }
                        return true; // a task the engine asks for now is the caller's, off the loop
                    }
                    case CLOSED -> throw new SSLException("the server closed the connection during the TLS handshake");
                    case BUFFER_OVERFLOW -> throw new SSLException("a TLS record larger than the buffers made for it");
                    default -> {
                        // BUFFER_UNDERFLOW: a partial record, read more below, unless the engine is done with what
                        // it had (BoringSSL finishes a TLS 1.2 handshake on an unwrap that takes no new bytes)
                        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
                            if (net.hasRemaining()) {
                                carriedIn = buffers.keep(net);
                            }
                            return true;
                        }
                    }
                }
            }
            net.compact();
            int n = channel.read(net);
            net.flip();
            if (n < 0) {
                // A failure of our own (a certificate we refused) comes first: BoringSSL throws it only once the alert
                // it sent is out and the engine is asked again, by when the server has closed.
                engine.unwrap(net, buffers.plainIn());
                throw new EOFException("the server closed the connection during the TLS handshake");
            }
            if (n == 0) {
                if (net.hasRemaining()) {
                    carriedIn = buffers.keep(net);
                }
                return false;
            }
        }
    }

    /**
     * Opens the whole records in {@code net} into {@code room} while it has space; plaintext beyond it is
     * kept, records after that stay in {@code net}.
     */
    private int open(SocketChannel channel, ByteBuffer net, ByteBuffer room) throws IOException {
        int given = 0;
        while (net.hasRemaining() && room.hasRemaining() && !records.inboundDone()) {
            boolean inPlace = records.opensInPlace(room);
            ByteBuffer into = inPlace ? room : buffers.plainIn();
            int unread = net.remaining();
            int produced = records.open(net, into);
            if (produced == 0 && net.remaining() == unread && !records.inboundDone()) {
                return given; // an incomplete record: more bytes are needed
            }
            if (inPlace) {
                given += produced;
            } else if (produced > 0) {
                into.flip();
                given += move(into, room);
                if (into.hasRemaining()) {
                    carriedPlain = buffers.append(carriedPlain, into);
                }
            }
            // what the connection has to send between records (a reply to a key update)
            while (!records.inboundDone() && records.wantsToSend() && flush(channel)) {
                wrap(channel, NOTHING);
            }
        }
        return given;
    }

    private int takeCarriedPlain(ByteBuffer room) {
        if (carriedPlain == null) {
            return 0;
        }
        int fits = move(carriedPlain, room);
        if (!carriedPlain.hasRemaining()) {
            buffers.give(carriedPlain);
            carriedPlain = null;
        }
        return fits;
    }

    /** Moves what fits of {@code from} into {@code to}, without a view buffer; returns how much. */
    private static int move(ByteBuffer from, ByteBuffer to) {
        int fits = Math.min(from.remaining(), to.remaining());
        int limit = from.limit();
        from.limit(from.position() + fits);
        to.put(from);
        from.limit(limit);
        return fits;
    }
}
