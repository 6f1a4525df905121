package io.maid.goose.adapter.system.oshi;

import io.maid.goose.ports.out.SystemProbe;
import io.maid.goose.ports.out.SystemSample;
import io.maid.goose.testkit.Await;
import io.maid.goose.testkit.SystemProbeContract;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OshiSystemProbeTest extends SystemProbeContract {
    private static final int TRAFFIC = 2 * 1024 * 1024;

    @Override
    protected SystemProbe newProbe() {
        return new OshiSystemProbe();
    }

    @Test
    void everyFigureIsKnownOnThisHost() {
        OshiSystemProbe probe = new OshiSystemProbe();

        SystemSample sample = probe.sample();

        assertTrue(sample.ramPercent() > 0, "ram " + sample);
        assertTrue(sample.netBytesReceived() >= 0 && sample.netBytesSent() >= 0, "net " + sample);
    }

    @Test
    void loopbackTrafficBetweenTwoSamplesIsCounted() throws Exception {
        OshiSystemProbe probe = new OshiSystemProbe();
        SystemSample before = probe.sample();

        assertEquals(TRAFFIC, sendOverLoopback(TRAFFIC));
        SystemSample after = probe.sample();

        long received = after.netBytesReceived() - before.netBytesReceived();
        long sent = after.netBytesSent() - before.netBytesSent();
        assertTrue(received >= TRAFFIC, "received grew by " + received + ", expected at least " + TRAFFIC);
        assertTrue(sent >= TRAFFIC, "sent grew by " + sent + ", expected at least " + TRAFFIC);
    }

    @Test
    void cpuIsMeasuredOnceTheHostHasAccountedCpuTime() {
        OshiSystemProbe probe = new OshiSystemProbe();
        SystemSample[] latest = {probe.sample()};

        // OSHI caches tick counts for a few hundred milliseconds, so the first reading may take that long.
        Await.until(() -> (latest[0] = probe.sample()).cpuPercent() != -1, Duration.ofSeconds(5), "a CPU reading");

        assertTrue(latest[0].cpuPercent() > 0 && latest[0].cpuPercent() <= 100, "cpu " + latest[0]);
    }

    @Test
    void sampleIsCheapEnoughToTakeEverySecond() {
        OshiSystemProbe probe = new OshiSystemProbe();
        probe.sample();

        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            probe.sample();
        }
        Duration each = Duration.ofNanos((System.nanoTime() - start) / 10);

        assertTrue(each.compareTo(Duration.ofMillis(100)) < 0, "one sample took " + each);
    }

    /** Pushes {@code bytes} through a 127.0.0.1 socket and returns how many the far end read. */
    private static long sendOverLoopback(int bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = server.accept(); InputStream in = accepted.getInputStream()) {
                    return in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 OutputStream out = client.getOutputStream()) {
                byte[] chunk = new byte[64 * 1024];
                for (int left = bytes; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, Math.min(left, chunk.length));
                }
            }
            return reader.get(10, TimeUnit.SECONDS);
        }
    }
}
