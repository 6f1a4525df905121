package io.maid.goose.engine.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyStripeTest {
    /** A slot's three interval histograms, as the metrics thread holds them. */
    private static final class Drained {
        final Histogram[] ok;
        final Histogram[] failed;
        final Histogram[] corrected;
        final Histogram handshakes = LatencyRecorders.newHistogram();

        Drained(int slots) {
            ok = new Histogram[slots];
            failed = new Histogram[slots];
            corrected = new Histogram[slots];
            for (int s = 0; s < slots; s++) {
                ok[s] = LatencyRecorders.newHistogram();
                corrected[s] = LatencyRecorders.newHistogram();
            }
        }

        Drained from(LatencyStripe stripe) {
            stripe.drainInto(ok, failed, corrected, handshakes);
            return this;
        }
    }

    @Test
    void aSlotHasNoFailedHistogramUntilItsFirstFailure() {
        LatencyStripe stripe = new LatencyStripe(2, false);
        stripe.record(0, false, 300, 0);
        Drained d = new Drained(2).from(stripe);
        assertNull(d.failed[0]);
        assertNull(d.failed[1]);

        stripe.record(0, true, 700, 0);
        d.from(stripe);
        assertNotNull(d.failed[0]);
        assertEquals(1, d.failed[0].getTotalCount());
        assertEquals(700, d.failed[0].getMaxValue());
        assertNull(d.failed[1], "the other slot is untouched");
    }

    @Test
    void aHandshakeGoesIntoTheHandshakeHistogramAndNoLatencyHistogram() {
        LatencyStripe stripe = new LatencyStripe(1, false);
        stripe.recordHandshake(2_500);
        stripe.recordHandshake(4_000);

        Drained d = new Drained(1).from(stripe);

        Histogram expected = LatencyRecorders.newHistogram();
        expected.recordValue(2_500);
        expected.recordValue(4_000);
        assertEquals(expected, d.handshakes);
        assertEquals(0, d.ok[0].getTotalCount());
        assertEquals(0, d.corrected[0].getTotalCount());
    }

    @Test
    void aDrainedHandshakeIsNotDrainedAgain() {
        LatencyStripe stripe = new LatencyStripe(1, false);
        stripe.recordHandshake(2_500);
        Drained d = new Drained(1).from(stripe);

        d.from(stripe);

        assertEquals(1, d.handshakes.getTotalCount(), "the second drain added nothing");
    }

    @Test
    void usersSharingAStripeLoseNoHandshakeWhenTheyRecordAtOnce() throws Exception {
        LatencyStripe stripe = new LatencyStripe(1, true);
        int each = 20_000;

        // the first handshakes race to make the set's handshake histogram
        Drained d = drainedWhileWriting(stripe, 4, (id, i) -> stripe.recordHandshake(1_000 + i % 1_000), each);

        assertEquals(4L * each, d.handshakes.getTotalCount());
    }

    @Test
    void aRequestGoesIntoOkOrFailedAndAlwaysIntoCorrected() {
        LatencyStripe stripe = new LatencyStripe(1, false);
        stripe.record(0, false, 300, 0);
        stripe.record(0, true, 500, 0);
        Drained d = new Drained(1).from(stripe);
        assertEquals(1, d.ok[0].getTotalCount());
        assertEquals(1, d.failed[0].getTotalCount());
        assertEquals(2, d.corrected[0].getTotalCount());
    }

    @Test
    void theCorrectionBackFillsExactlyAsHdrHistogramDoes() {
        LatencyStripe stripe = new LatencyStripe(1, false);
        stripe.record(0, false, 1_000_000, 1_000);
        Histogram expected = LatencyRecorders.newHistogram();
        expected.recordValueWithExpectedInterval(1_000_000, 1_000);
        Drained d = new Drained(1).from(stripe);
        assertEquals(expected, d.corrected[0]);
        assertEquals(1, d.ok[0].getTotalCount(), "the raw histogram holds the one request");
    }

    @Test
    void aDrainTakesWhatWasRecordedSinceThePreviousOneOnly() {
        LatencyStripe stripe = new LatencyStripe(1, false);
        stripe.record(0, false, 300, 0);
        Drained first = new Drained(1).from(stripe);
        stripe.record(0, false, 400, 0);
        stripe.record(0, false, 400, 0);
        Drained second = new Drained(1).from(stripe);
        assertEquals(1, first.ok[0].getTotalCount());
        assertEquals(2, second.ok[0].getTotalCount());
        assertEquals(400, second.ok[0].getMinValue());
        assertEquals(0, new Drained(1).from(stripe).ok[0].getTotalCount(), "nothing twice");
    }

    @Test
    void drainingWhileTheWriterRecordsLosesAndDuplicatesNothing() throws Exception {
        LatencyStripe stripe = new LatencyStripe(1, false);
        int values = 200_000;
        Drained d = new Drained(1);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < values; i++) {
                stripe.record(0, i % 10 == 0, 100 + i % 5_000, 0);
            }
            done.set(true);
        });
        int drains = 0;
        while (!done.get()) {
            d.from(stripe);
            drains++;
        }
        writer.join();
        d.from(stripe);
        assertEquals(values * 9L / 10, d.ok[0].getTotalCount());
        assertEquals(values / 10L, d.failed[0].getTotalCount());
        assertEquals(values, d.corrected[0].getTotalCount());
        assertTrue(drains > 0);
    }

    @Test
    void usersSharingAStripeLoseNothingWhenTheyRecordAtOnce() throws Exception {
        LatencyStripe stripe = new LatencyStripe(1, true);
        int threads = 4;
        int each = 50_000;
        // Each writer's first failure races the others' to make the slot's failed histogram.
        Drained d = drainedWhileWriting(stripe, threads, (id, i) -> stripe.record(0, i == 0 || id == 0, 100 + i % 1_000, 0),
                each);
        assertEquals((long) threads * each, d.corrected[0].getTotalCount());
        assertEquals(each + (threads - 1L), d.failed[0].getTotalCount());
        assertEquals((threads - 1L) * (each - 1), d.ok[0].getTotalCount());
    }

    @Test
    void eachLoopHasAStripeOfItsOwnAndThreadUsersShareABoundedPool() {
        LatencyRecorders loops = LatencyRecorders.perLoop(3, 2);
        assertEquals(2, loops.stripeCount());
        assertFalse(loops.stripe(0).shared());
        assertEquals(loops.stripe(1), loops.stripeOfUser(3), "user 3 runs on loop 1");

        LatencyRecorders threads = LatencyRecorders.forThreadUsers(3, 10_000);
        assertTrue(threads.stripeCount() <= LatencyRecorders.MAX_THREAD_STRIPES);
        assertTrue(threads.stripeCount() <= 2 * Runtime.getRuntime().availableProcessors());
        assertTrue(threads.stripe(0).shared());
        assertEquals(1, LatencyRecorders.forThreadUsers(3, 1).stripeCount(), "never more stripes than users");
    }

    /** What {@code threads} writers wrote, {@code each} writes of {@code write(writer, i)} each, drained as they write. */
    private static Drained drainedWhileWriting(LatencyStripe stripe, int threads, IntIntConsumer write, int each)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            writers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    write.accept(id, i);
                }
            }));
        }
        Drained d = new Drained(1);
        go.countDown();
        for (Thread w : writers) {
            while (w.isAlive()) {
                d.from(stripe);
                w.join(1);
            }
        }
        return d.from(stripe);
    }

    private interface IntIntConsumer {
        void accept(int writer, int i);
    }
}
