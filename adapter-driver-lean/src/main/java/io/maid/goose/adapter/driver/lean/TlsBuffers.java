package io.maid.goose.adapter.driver.lean;

import javax.net.ssl.SSLSession;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The buffers a {@link LeanEventLoop}'s TLS connections share: one set of working buffers for the loop
 * (records read, records written, plaintext unwrapped), and a bounded pool of spares for what a connection
 * has to keep between two calls — a partial record, plaintext its reader had no room for yet, records the
 * socket did not take yet. A connection holds a spare only for as long as it has such bytes, so thousands of
 * idle TLS users cost no buffers, and in steady state nothing is allocated per request.
 *
 * <p>Loop thread only: the working buffers are used within one call and hold nothing afterwards.
 */
final class TlsBuffers {
    /** TLS's largest record, with the JDK's overhead; grown when an engine asks for more. */
    private static final int DEFAULT_SIZE = 16_709 + 2_048;
    /** Spares kept for reuse at most; more are let go (about 1 MiB per loop at the default size). */
    private static final int MAX_SPARES = 64;

    private final boolean direct;
    private int size = DEFAULT_SIZE;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer plainIn;
    private final ArrayDeque<ByteBuffer> spares = new ArrayDeque<>();

    /**
     * @param direct whether the buffers live outside the heap: for a native TLS implementation, which then
     *               reads and writes them in place (the JDK's works on heap arrays, and copies direct buffers)
     */
    TlsBuffers(boolean direct) {
        this.direct = direct;
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** Makes sure every buffer holds a whole record of {@code session} (its packet and its plaintext). */
    void fit(SSLSession session) {
        int need = Math.max(session.getPacketBufferSize(), session.getApplicationBufferSize());
        if (need > size) {
            size = need;
            netIn = null;
            netOut = null;
            plainIn = null;
            spares.clear();
        }
    }

    /** Whether {@code room} can take a whole record's plaintext, so it can be unwrapped into directly. */
    boolean holdsRecord(ByteBuffer room) {
        return room.remaining() >= size;
    }

    /** Where records read from a channel go, cleared. */
    ByteBuffer netIn() {
        if (netIn == null) {
            netIn = allocate(size);
        }
        return netIn.clear();
    }

    /** Where records to be written are made, cleared. */
    ByteBuffer netOut() {
        if (netOut == null) {
            netOut = allocate(size);
        }
        return netOut.clear();
    }

    /** Where a record's plaintext is unwrapped to when its reader's room is too small, cleared. */
    ByteBuffer plainIn() {
        if (plainIn == null) {
            plainIn = allocate(size);
        }
        return plainIn.clear();
    }

    /** A copy of what {@code src} has left (it is consumed), in a spare, ready to be read. */
    ByteBuffer keep(ByteBuffer src) {
        ByteBuffer spare = spares.poll();
        if (spare == null || spare.capacity() < src.remaining()) {
            spare = allocate(Math.max(size, src.remaining()));
        }
        spare.clear();
        spare.put(src);
        return spare.flip();
    }

    /** {@code kept} plus what {@code src} has left, ready to be read; {@code kept} may be given back. */
    ByteBuffer append(ByteBuffer kept, ByteBuffer src) {
        if (kept == null) {
            return keep(src);
        }
        kept.compact();
        if (kept.remaining() < src.remaining()) {
            ByteBuffer bigger = allocate(kept.position() + src.remaining());
            kept.flip();
            bigger.put(kept);
            kept = bigger;
        }
        kept.put(src);
        return kept.flip();
    }

    /** A spare is free again. */
    void give(ByteBuffer spare) {
        if (spare != null && spare.capacity() >= size && spares.size() < MAX_SPARES) {
            spares.push(spare);
        }
    }
}
