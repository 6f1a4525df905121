package io.maid.goose.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * A port on 127.0.0.1 that refuses every connection for as long as this is open: a TCP socket bound to it,
 * without {@code SO_REUSEADDR}, that never listens. Unlike a port taken from a closed {@code ServerSocket},
 * nothing else can bind it meanwhile, so a server the test starts on port 0 (which the kernel may hand the
 * just-freed port) cannot turn "nothing answers" into "something answered".
 */
public final class RefusingPort implements AutoCloseable {
    private final Socket socket = new Socket();

    public RefusingPort() {
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("could not reserve a loopback port", e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public URI http() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that never connected frees the port whatever this reports
        }
    }
}
