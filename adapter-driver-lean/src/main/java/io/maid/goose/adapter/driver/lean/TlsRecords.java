package io.maid.goose.adapter.driver.lean;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The record layer of one established TLS connection, as {@link LoopTls} uses it once the handshake is done:
 * seal plaintext into records, open records into plaintext. Two implementations: {@link EngineRecords} goes
 * through the {@link javax.net.ssl.SSLEngine} that made the handshake (any provider); {@link BoringRecords} drives
 * BoringSSL's connection state directly, without the {@code SSLEngineResult} that every engine call allocates.
 *
 * <p>Loop thread only.
 */
interface TlsRecords {
    /**
     * Seals what fits of {@code plain} into records in {@code net}, together with any record the connection
     * has to send of its own accord first.
     *
     * @return the plaintext bytes taken (0 when only records of its own went out)
     * @throws IOException when the connection's TLS was closed or failed
     */
    int seal(ByteBuffer plain, ByteBuffer net) throws IOException;

    /**
     * Opens the records of {@code net} into {@code into} while it has room for them, consuming what it used.
     * Taking nothing from {@code net} and giving nothing means a record is incomplete: more bytes are needed.
     *
     * @return the plaintext bytes put into {@code into}
     * @throws IOException when a record was refused (a fatal alert, a bad record, a renegotiation)
     */
    int open(ByteBuffer net, ByteBuffer into) throws IOException;

    /** Whether records can be opened straight into {@code room}, not through a working buffer. */
    boolean opensInPlace(ByteBuffer room);

    /** Whether the server's close_notify arrived. */
    boolean inboundDone();

    /** Whether the connection has records of its own to send now (a reply to a key update). */
    boolean wantsToSend();
}
