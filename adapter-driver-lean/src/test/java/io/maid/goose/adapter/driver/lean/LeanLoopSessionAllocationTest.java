package io.maid.goose.adapter.driver.lean;

import io.maid.goose.ports.out.LoopSession;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
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
    @Test
    void aKeptAliveRequestAllocatesLittleMoreThanItsOutcomeOnTheLoop() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        chain(user, GET, 3_000, o -> { }); // warm up

        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        List<RequestOutcome> outcomes = chain(user, GET, 2_000, new Consumer<>() {
            private int n;

            @Override
            public void accept(RequestOutcome o) {
                if (n++ == 0) {
                    before.set(threads.getCurrentThreadAllocatedBytes());
                }
                after.set(threads.getCurrentThreadAllocatedBytes());
            }
        });

        outcomes.forEach(LeanLoopSessionFixture::assertAnswered);
        long perRequest = (after.get() - before.get()) / 1_999;
        assertTrue(perRequest < 256, "a request allocated " + perRequest + " bytes on the loop");
    }

    @Test
    void aKeptAliveRequestWhoseSendCapturesNothingAllocatesLittleMoreThanItsOutcome() throws Exception {
        CountingTarget target = target(OK, Integer.MAX_VALUE);
        LoopSession user = driver.open(target.base(), Duration.ofSeconds(5));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SendOptions nothing = new SendOptions(true, false, 0); // not the STATIC constant: the flags decide, not identity
        chain(user, i -> GET, nothing, 3_000, o -> { }); // warm up

        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        List<RequestOutcome> outcomes = chain(user, i -> GET, nothing, 2_000, new Consumer<>() {
            private int n;

            @Override
            public void accept(RequestOutcome o) {
                if (n++ == 0) {
                    before.set(threads.getCurrentThreadAllocatedBytes());
                }
                after.set(threads.getCurrentThreadAllocatedBytes());
            }
        });

        outcomes.forEach(o -> assertNull(o.response(), () -> "nothing was asked for: " + o));
        long perRequest = (after.get() - before.get()) / 1_999;
        assertTrue(perRequest < 256, "a request that captures nothing allocated " + perRequest + " bytes on the loop");
    }
}
