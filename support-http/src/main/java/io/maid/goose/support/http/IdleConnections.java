package io.maid.goose.support.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The close check every transport makes before it reuses a kept-alive connection that sat idle: has the
 * server closed it meanwhile? One read that never waits answers it — end of stream or an error means closed,
 * bytes nobody asked for mean the connection no longer tells where an answer starts, nothing means it is fine.
 */
public final class IdleConnections {
    private IdleConnections() {
    }

    /**
     * Whether the idle connection over {@code channel}, a channel in blocking mode that nobody is reading or
     * writing, must not be used again. The channel is switched to non-blocking mode for the one read and back;
     * on a virtual thread that costs no system call, since the JDK runs its channels non-blocking underneath.
     *
     * @param probe room for the read; cleared first
     */
    public static boolean unusable(SocketChannel channel, ByteBuffer probe) {
        try {
            channel.configureBlocking(false);
            try {
                probe.clear();
                return channel.read(probe) != 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
