package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserErrorSamplesTest {
    private record Sample(int transaction, ErrorKind kind, String detail, int status) {
    }

    private static List<Sample> drain(UserErrorSamples ring) {
        List<Sample> out = new ArrayList<>();
        ring.drain((t, kind, detail, status) -> out.add(new Sample(t, kind, detail, status)));
        return out;
    }

    @Test
    void samplesAreHandedOverInTheOrderOffered() {
        UserErrorSamples ring = new UserErrorSamples();
        ring.offer(0, ErrorKind.CONNECT_REFUSED, "refused", 0);
        ring.offer(1, ErrorKind.UNEXPECTED_STATUS, null, 503);
        assertEquals(List.of(new Sample(0, ErrorKind.CONNECT_REFUSED, "refused", 0),
                new Sample(1, ErrorKind.UNEXPECTED_STATUS, null, 503)), drain(ring));
        assertEquals(List.of(), drain(ring), "a drained sample is gone");
    }

    @Test
    void aSampleEqualToOneStillPendingIsDropped() {
        UserErrorSamples ring = new UserErrorSamples();
        for (int i = 0; i < 100; i++) {
            ring.offer(0, ErrorKind.UNEXPECTED_STATUS, null, 500);
        }
        ring.offer(1, ErrorKind.UNEXPECTED_STATUS, null, 500);
        assertEquals(List.of(new Sample(0, ErrorKind.UNEXPECTED_STATUS, null, 500),
                new Sample(1, ErrorKind.UNEXPECTED_STATUS, null, 500)), drain(ring), "the other transaction is another sample");
        ring.offer(0, ErrorKind.UNEXPECTED_STATUS, null, 500);
        assertEquals(1, drain(ring).size(), "once drained, it may come again");
    }

    @Test
    void aFullRingDropsNewSamplesUntilDrained() {
        UserErrorSamples ring = new UserErrorSamples();
        for (int i = 0; i < UserErrorSamples.CAPACITY + 5; i++) {
            ring.offer(0, ErrorKind.IO_ERROR, "failure " + i, 0);
        }
        List<Sample> first = drain(ring);
        assertEquals(UserErrorSamples.CAPACITY, first.size());
        assertEquals("failure 0", first.get(0).detail());
        ring.offer(0, ErrorKind.IO_ERROR, "later", 0);
        assertEquals(List.of(new Sample(0, ErrorKind.IO_ERROR, "later", 0)), drain(ring));
    }

    @Test
    void aReaderOnAnotherThreadSeesEveryEntryWhole() throws InterruptedException {
        UserErrorSamples ring = new UserErrorSamples();
        ErrorKind[] kinds = ErrorKind.values();
        AtomicBoolean written = new AtomicBoolean();
        List<Sample> seen = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            boolean last;
            do {
                last = written.get();
                ring.drain((t, kind, detail, status) -> seen.add(new Sample(t, kind, detail, status)));
            } while (!last);
        });
        int offered = 100_000;
        for (int i = 1; i <= offered; i++) {
            ring.offer(i % 4, kinds[i % kinds.length], "e" + i, i);
        }
        written.set(true);
        reader.join(Duration.ofSeconds(20));

        assertTrue(!reader.isAlive() && !seen.isEmpty(), "the reader drained " + seen.size() + " samples");
        int previous = 0;
        for (Sample s : seen) {
            // Every field of an entry derives from one number: any mix of two entries is a torn read.
            int i = s.status();
            assertEquals(new Sample(i % 4, kinds[i % kinds.length], "e" + i, i), s);
            assertTrue(i > previous, "samples arrive in the order offered");
            previous = i;
        }
        assertTrue(previous <= offered);
    }
}
