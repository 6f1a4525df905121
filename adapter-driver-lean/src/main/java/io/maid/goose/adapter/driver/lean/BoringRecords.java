package io.maid.goose.adapter.driver.lean;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;
import io.netty.util.internal.PlatformDependent;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * Records straight through BoringSSL's connection state (netty-tcnative's {@code SSL} calls on the engine's
 * {@code SSL*} and its network BIO), once the {@link ReferenceCountedOpenSslEngine} has made the handshake with
 * every check it applies (trust, host name, SNI, resumption). The same calls the engine makes for a record, without
 * the engine's bookkeeping around them: no {@code SSLEngineResult} per call (two per request, 80 bytes), no
 * monitor, fewer native calls. Closing still goes through the engine (its close_notify), which owns and frees the
 * native state.
 *
 * <p>Buffers given to BoringSSL must be direct; a heap plaintext is copied into the loop's working buffer first.
 * Records are opened only into room for a whole record's plaintext, so BoringSSL never holds plaintext back that
 * a caller would have to know to ask for. Incomplete records are consumed into BoringSSL's own read buffer.
 */
final class BoringRecords implements TlsRecords {
    /**
     * Room kept free in a record buffer beyond the plaintext sealed into it: the record's overhead, and a record
     * BoringSSL queued of its own accord (its non-application buffer: 2 KiB by default), which it writes first.
     */
    private static final int SEAL_SLACK = 4_096;
    private static final VarHandle NETWORK_BIO = networkBio();
    private static final boolean UNSAFE_ADDRESSES = PlatformDependent.hasUnsafe();

    private final long ssl;
    private final long bio;
    private final TlsBuffers buffers;
    private boolean inboundDone;

    private BoringRecords(long ssl, long bio, TlsBuffers buffers) {
        this.ssl = ssl;
        this.bio = bio;
        this.buffers = buffers;
    }

    /**
     * Records for {@code engine}'s established connection, or null when it is not BoringSSL's or its state cannot
     * be reached in this version of netty (then the engine's own record path serves).
     */
    static BoringRecords of(SSLEngine engine, TlsBuffers buffers) {
        if (NETWORK_BIO == null || !(engine instanceof ReferenceCountedOpenSslEngine boring)) {
            return null;
        }
        long ssl = boring.sslPointer(); // synchronized: the handshake's last step may have run on another thread
        long bio = (long) NETWORK_BIO.get(boring);
        return ssl == 0 || bio == 0 ? null : new BoringRecords(ssl, bio, buffers);
    }

    /** Whether this netty's engine state can be reached (for tests and logs). */
    static boolean available() {
        return NETWORK_BIO != null;
    }

    @Override
    public int seal(ByteBuffer plain, ByteBuffer net) throws SSLException {
        int room = net.remaining();
        int length = Math.min(Math.min(plain.remaining(), SSL.SSL_MAX_PLAINTEXT_LENGTH), room - SEAL_SLACK);
        long from = length > 0 ? plaintextAddress(plain, length) : 0;
        SSL.bioSetByteBuffer(bio, address(net) + net.position(), room, true);
        int taken = 0;
        try {
            if (length <= 0) {
                SSL.bioFlushByteBuffer(bio); // only records of its own (a key update's reply)
            } else {
                int written = SSL.writeToSSL(ssl, from, length); // writes queued records of its own first
                if (written <= 0) {
                    int error = SSL.getError(ssl, written);
                    throw error == SSL.SSL_ERROR_ZERO_RETURN ? new SSLException("the TLS connection was closed")
                            : failure("SSL_write", error);
                }
                plain.position(plain.position() + written);
                taken = written;
            }
            net.position(net.position() + room - SSL.bioLengthByteBuffer(bio));
        } finally {
            SSL.bioClearByteBuffer(bio);
        }
        return taken;
    }

    @Override
    public int open(ByteBuffer net, ByteBuffer into) throws SSLException {
        int available = net.remaining();
        SSL.bioSetByteBuffer(bio, address(net) + net.position(), available, false);
        int given = 0;
        try {
            long to = address(into);
            while (into.remaining() >= SSL.SSL_MAX_PLAINTEXT_LENGTH) { // a whole record's plaintext fits
                int read = SSL.readFromSSL(ssl, to + into.position(), into.remaining());
                if (read > 0) {
                    into.position(into.position() + read);
                    given += read;
                    continue;
                }
                int error = SSL.getError(ssl, read);
                if (error == SSL.SSL_ERROR_WANT_READ) {
                    break; // what is left of net (none, or part of a record) is in BoringSSL's read buffer
                }
                if (error == SSL.SSL_ERROR_ZERO_RETURN) {
                    inboundDone = true; // the server's close_notify
                    break;
                }
                throw failure("SSL_read", error);
            }
            net.position(net.position() + available - SSL.bioLengthByteBuffer(bio));
        } finally {
            SSL.bioClearByteBuffer(bio);
        }
        if (SSL.getHandshakeCount(ssl) > 1) {
            throw new SSLHandshakeException("the server started a renegotiation, which is not allowed");
        }
        return given;
    }

    @Override
    public boolean opensInPlace(ByteBuffer room) {
        return room.isDirect() && buffers.holdsRecord(room);
    }

    @Override
    public boolean inboundDone() {
        return inboundDone;
    }

    @Override
    public boolean wantsToSend() {
        return SSL.bioLengthNonApplication(bio) > 0;
    }

    /** Where {@code length} bytes of {@code plain} are in native memory: in place, or copied to the working buffer. */
    private long plaintextAddress(ByteBuffer plain, int length) {
        if (plain.isDirect()) {
            return address(plain) + plain.position();
        }
        ByteBuffer staged = buffers.plainIn();
        staged.put(0, plain, plain.position(), length);
        return address(staged);
    }

    private SSLException failure(String call, int error) {
        int code = SSL.getLastErrorNumber();
        String reason = code != 0 ? SSL.getErrorString(code) : "SSL error " + error;
        SSL.clearError();
        return new SSLException(call + " failed: " + reason);
    }

    private static long address(ByteBuffer direct) {
        return UNSAFE_ADDRESSES ? PlatformDependent.directBufferAddress(direct) : Buffer.address(direct);
    }

    private static VarHandle networkBio() {
        try {
            return MethodHandles.privateLookupIn(ReferenceCountedOpenSslEngine.class, MethodHandles.lookup())
                    .findVarHandle(ReferenceCountedOpenSslEngine.class, "networkBIO", long.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unreachable) {
            return null; // another netty, or netty without BoringSSL: the engine's record path serves
        }
    }
}
