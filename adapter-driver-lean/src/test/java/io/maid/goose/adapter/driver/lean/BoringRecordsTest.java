package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.TlsSpec;
import io.maid.goose.testkit.SelfSignedCertificate;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BoringSSL's records driven without the {@link SSLEngine}, against a JDK server engine in memory (no sockets):
 * what a server sends is opened exactly, record by record, with partial records and several at once, and its
 * close_notify ends the inbound side; what the client seals the server opens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoringRecordsTest {
    private static final int NET = 128 * 1024; // the JDK engine wants room for a whole packet per wrap

    private final SelfSignedCertificate certificate = new SelfSignedCertificate();
    private final TlsBuffers buffers = new TlsBuffers(true);
    private SSLEngine client;
    private SSLEngine server;
    private BoringRecords records;

    @BeforeEach
    void shakeHands() throws SSLException {
        client = TlsSetup.of(new TlsSpec(false, null), LoopTlsProvider.BORINGSSL).engine("localhost", 443);
        server = certificate.serverContext().createSSLEngine();
        server.setUseClientMode(false);
        handshake();
        records = BoringRecords.of(client, buffers);
        assertNotNull(records, "this netty's BoringSSL engine state is reachable");
    }

    @AfterEach
    void release() {
        ReferenceCountUtil.release(client);
        certificate.close();
    }

    @Test
    void whatTheClientSealsTheServerOpensFromADirectOrAHeapBuffer() throws SSLException {
        for (ByteBuffer plain : new ByteBuffer[] {direct("GET / HTTP/1.1\r\n\r\n"), ByteBuffer.wrap(ascii("from the heap"))}) {
            String sent = StandardCharsets.US_ASCII.decode(plain.duplicate()).toString();
            ByteBuffer net = ByteBuffer.allocateDirect(NET);

            assertEquals(sent.length(), records.seal(plain, net));

            assertFalse(plain.hasRemaining());
            assertEquals(sent, serverOpens(net.flip()));
        }
    }

    @Test
    void severalRecordsAtOnceAreOpenedOneAtATimeAndExactly() throws SSLException {
        byte[] body = new byte[3 * 16_384 + 100];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        ByteBuffer net = serverSeals(body);
        ByteBuffer received = ByteBuffer.allocate(body.length);
        ByteBuffer into = buffers.plainIn();
        int calls = 0;
        while (net.hasRemaining()) {
            into.clear();
            int given = records.open(net, into);
            assertTrue(given <= 16_384, "one record's plaintext at most per call, was " + given);
            received.put(into.flip());
            calls++;
        }

        assertArrayEquals(body, received.array());
        assertEquals(4, calls, "four records, each opened by a call of its own");
        assertFalse(records.inboundDone());
    }

    @Test
    void aPartialRecordIsKeptByBoringSslUntilTheRestArrives() throws SSLException {
        ByteBuffer net = serverSeals(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        ByteBuffer first = ByteBuffer.allocateDirect(NET).put(net.slice(net.position(), 10)).flip();
        ByteBuffer rest = ByteBuffer.allocateDirect(NET).put(net.slice(net.position() + 10, net.remaining() - 10)).flip();
        ByteBuffer into = buffers.plainIn();

        assertEquals(0, records.open(first, into), "nothing to give from a record's first 10 bytes");
        assertFalse(first.hasRemaining(), "the partial record went into BoringSSL's read buffer");
        int given = records.open(rest, into);

        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", new String(bytes(into.flip(), given), StandardCharsets.US_ASCII));
        assertFalse(rest.hasRemaining());
    }

    @Test
    void theServersCloseNotifyEndsTheInboundSide() throws SSLException {
        server.closeOutbound();
        ByteBuffer net = ByteBuffer.allocateDirect(NET);
        server.wrap(ByteBuffer.allocate(0), net);

        assertEquals(0, records.open(net.flip(), buffers.plainIn()));

        assertTrue(records.inboundDone());
    }

    @Test
    void aCorruptRecordIsRefusedSayingWhy() throws SSLException {
        ByteBuffer net = serverSeals(ascii("HTTP/1.1 200 OK\r\n\r\n"));
        net.put(net.limit() - 1, (byte) (net.get(net.limit() - 1) ^ 1)); // the record's authentication tag

        SSLException refused = assertThrows(SSLException.class, () -> records.open(net, buffers.plainIn()));

        assertTrue(refused.getMessage().startsWith("SSL_read failed: "), refused.getMessage());
    }

    // ---- the server side and the handshake in memory ----------------------------------------------------------

    private ByteBuffer serverSeals(byte[] plain) throws SSLException {
        ByteBuffer source = ByteBuffer.wrap(plain);
        ByteBuffer net = ByteBuffer.allocateDirect(NET);
        for (int wraps = 0; source.hasRemaining(); wraps++) {
            SSLEngineResult result = server.wrap(source, net);
            assertEquals(SSLEngineResult.Status.OK, result.getStatus(), () -> "the server's wrap: " + result);
            assertTrue(wraps < 100, "the server sealed everything in 100 records");
        }
        return net.flip();
    }

    private String serverOpens(ByteBuffer net) throws SSLException {
        ByteBuffer plain = ByteBuffer.allocate(NET);
        while (net.hasRemaining()) {
            server.unwrap(net, plain);
        }
        return StandardCharsets.US_ASCII.decode(plain.flip()).toString();
    }

    private void handshake() throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocateDirect(NET);
        ByteBuffer toClient = ByteBuffer.allocateDirect(NET);
        ByteBuffer scratch = ByteBuffer.allocateDirect(NET);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 200 && !(idle(client) && idle(server)); step++) {
            client.wrap(ByteBuffer.allocate(0), toServer);
            EngineRecords.runTasks(client);
            server.wrap(ByteBuffer.allocate(0), toClient);
            EngineRecords.runTasks(server);
            toServer.flip();
            server.unwrap(toServer, scratch.clear());
            EngineRecords.runTasks(server);
            toServer.compact();
            toClient.flip();
            client.unwrap(toClient, scratch.clear());
            EngineRecords.runTasks(client);
            toClient.compact();
        }
        assertTrue(idle(client) && idle(server), "the handshake finished");
        assertEquals(0, toServer.position() + toClient.position(), "nothing left over from the handshake");
    }

    private static boolean idle(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static ByteBuffer direct(String text) {
        return ByteBuffer.allocateDirect(text.length()).put(ascii(text)).flip();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(ByteBuffer buffer, int length) {
        byte[] b = new byte[length];
        buffer.get(0, b);
        return b;
    }
}
