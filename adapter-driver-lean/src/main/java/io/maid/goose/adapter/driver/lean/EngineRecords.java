package io.maid.goose.adapter.driver.lean;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;

/**
 * Records through the connection's {@link SSLEngine}: the JDK's, or BoringSSL's where {@link BoringRecords}
 * cannot reach its state. The engine's rare tasks after the handshake (a TLS 1.3 session ticket) run inline.
 */
final class EngineRecords implements TlsRecords {
    private final SSLEngine engine;
    private final TlsBuffers buffers;
    private boolean inboundDone;

    EngineRecords(SSLEngine engine, TlsBuffers buffers) {
        this.engine = engine;
        this.buffers = buffers;
    }

    /** One {@link SSLEngine#wrap}, refused when the engine is closed or its record does not fit. */
    static SSLEngineResult wrap(SSLEngine engine, ByteBuffer plain, ByteBuffer net) throws SSLException {
        SSLEngineResult result = engine.wrap(plain, net);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new SSLException("the TLS connection was closed");
        }
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("a TLS record larger than the buffers made for it");
        }
        return result;
    }

    /** Runs the engine's delegated tasks, on the calling thread. */
    static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    @Override
    public int seal(ByteBuffer plain, ByteBuffer net) throws SSLException {
        SSLEngineResult result = wrap(engine, plain, net);
        runTasksIfNeeded(result);
        return result.bytesConsumed();
    }

    @Override
    public int open(ByteBuffer net, ByteBuffer into) throws SSLException {
        SSLEngineResult result = engine.unwrap(net, into);
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                return 0;
            }
            case BUFFER_OVERFLOW -> throw new SSLException("a TLS record larger than the buffers made for it");
            case CLOSED -> inboundDone = true;
            default -> {
                // OK
            }
        }
        runTasksIfNeeded(result);
        return result.bytesProduced();
    }

    @Override
    public boolean opensInPlace(ByteBuffer room) {
        return buffers.holdsRecord(room);
    }

    @Override
    public boolean inboundDone() {
        return inboundDone;
    }

    @Override
    public boolean wantsToSend() {
        return engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
    }

    private void runTasksIfNeeded(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks(engine);
        }
    }
}
