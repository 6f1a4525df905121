package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.TlsSpec;
import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.SessionOptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a kept-alive loop request costs on the loop, in bytes allocated. */
class LeanLoopSessionAllocationTest extends LeanLoopSessionFixture {
    private static final int WARM_UP = 3_000;
    private static final int MEASURED = 2_000;

    @Test
    void aKeptAliveRequestAllocatesLittleMoreThanItsOutcomeOnTheLoop() throws Exception {
        Measured run = measure(SendOptions.STATIC);

        run.outcomes().forEach(LeanLoopSessionFixture::assertAnswered);
        assertTrue(run.bytesPerRequest() < 256, "a request allocated " + run.bytesPerRequest() + " bytes on the loop");
    }

    @Test
    void aKeptAliveRequestWhoseSendCapturesNothingAllocatesLittleMoreThanItsOutcome() throws Exception {
        Measured run = measure(new SendOptions(true, false, 0)); // not the STATIC constant: the flags decide, not identity

        run.outcomes().forEach(o -> assertNull(o.response(), () -> "nothing was asked for: " + o));
        assertTrue(run.bytesPerRequest() < 256,
                "a request that captures nothing allocated " + run.bytesPerRequest() + " bytes on the loop");
    }

    @Test
    void overHttpsTheRecordLayerAddsAtMostSixtyFourBytesPerRequest() throws Exception {
        assertTrue(BoringRecords.available(), "this netty's BoringSSL engine state is reachable");
        try (HttpsTarget https = new HttpsTarget()) {
            LoopSession secure = driver.onLoop(() -> loop.openSession(
                    new SessionOptions(https.base(), Duration.ofSeconds(5), new TlsSpec(false, null), 0)));
            Measured tls = measure(secure, SendOptions.STATIC);
            Measured plain = measure(SendOptions.STATIC);

            tls.outcomes().forEach(LeanLoopSessionFixture::assertAnswered);
            assertTrue(tls.bytesPerRequest() - plain.bytesPerRequest() <= 64, "a request over https allocated "
                    + tls.bytesPerRequest() + " bytes on the loop, over plain http " + plain.bytesPerRequest());
        }
    }

    private record Measured(List<RequestOutcome> outcomes, long bytesPerRequest) {
    }

    /**
     * Warms a kept-alive session up, then chains {@value #MEASURED} more requests and reads the loop thread's
     * allocation counter in their callbacks: from the first callback to the last, {@code MEASURED - 1} requests.
     */
    private Measured measure(SendOptions options) throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        return measure(driver.open(target.base(), Duration.ofSeconds(5)), options);
    }

    private Measured measure(LoopSession user, SendOptions options) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        chain(user, i -> GET, options, WARM_UP, o -> { });

        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        List<RequestOutcome> outcomes = chain(user, i -> GET, options, MEASURED, new Consumer<>() {
            private int n;

            @Override
            public void accept(RequestOutcome o) {
                if (n++ == 0) {
                    before.set(threads.getCurrentThreadAllocatedBytes());
                }
                after.set(threads.getCurrentThreadAllocatedBytes());
            }
        });
        return new Measured(outcomes, (after.get() - before.get()) / (MEASURED - 1));
    }
}
