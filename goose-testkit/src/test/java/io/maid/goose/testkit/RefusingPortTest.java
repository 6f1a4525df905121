package io.maid.goose.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusingPortTest {
    @Test
    void aConnectionIsRefused() {
        try (RefusingPort port = new RefusingPort()) {
            assertTrue(port.port() > 0);
            assertEquals("http://127.0.0.1:" + port.port(), port.http().toString());
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port.port()), 2_000);
                }
            });
        }
    }

    @Test
    void noServerCanTakeThePortWhileItIsHeld() throws IOException {
        try (RefusingPort port = new RefusingPort(); ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            assertThrows(IOException.class,
                    () -> server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port.port())));
        }
    }
}
