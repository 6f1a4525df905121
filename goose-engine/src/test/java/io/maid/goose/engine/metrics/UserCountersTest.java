package io.maid.goose.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserCountersTest {
    private static Map<Integer, Long> statuses(UserCounters c, int t) {
        Map<Integer, Long> out = new TreeMap<>();
        c.forEachStatus(t, out::put);
        return out;
    }

    @Test
    void fieldsAccumulatePerTransaction() {
        UserCounters c = new UserCounters(3, 2);
        c.add(0, UserCounters.REQUESTS, 1);
        c.add(0, UserCounters.REQUESTS, 1);
        c.add(1, UserCounters.BYTES_SENT, 40);
        assertEquals(2, c.get(0, UserCounters.REQUESTS));
        assertEquals(0, c.get(1, UserCounters.REQUESTS));
        assertEquals(40, c.get(1, UserCounters.BYTES_SENT));
        assertEquals(3, c.slotBase());
    }

    @Test
    void statusCodesAreTalliedAndTheTableGrowsPastItsFirstSize() {
        UserCounters c = new UserCounters(0, 1);
        int[] codes = {200, 201, 204, 301, 302, 404, 500, 503, 200, 200};
        for (int code : codes) {
            c.addStatus(0, code);
        }
        assertEquals(Map.of(200, 3L, 201, 1L, 204, 1L, 301, 1L, 302, 1L, 404, 1L, 500, 1L, 503, 1L), statuses(c, 0));
    }

    @Test
    void aConcurrentReaderNeverSeesCountsGoBackOrCodesMixedUp() throws Exception {
        UserCounters c = new UserCounters(0, 1);
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200_000; i++) {
                c.add(0, UserCounters.REQUESTS, 1);
                c.addStatus(0, 200 + (i % 9) * 50);
            }
            done.set(true);
        });
        long lastRequests = 0;
        long lastTotal = 0;
        while (!done.get()) {
            long requests = c.get(0, UserCounters.REQUESTS);
            assertTrue(requests >= lastRequests);
            lastRequests = requests;
            long[] total = {0};
            c.forEachStatus(0, (code, n) -> {
                assertTrue(code >= 200 && code <= 600 && (code - 200) % 50 == 0, "code " + code);
                total[0] += n;
            });
            assertTrue(total[0] >= lastTotal);
            lastTotal = total[0];
        }
        writer.join();
        assertEquals(200_000, c.get(0, UserCounters.REQUESTS));
        long[] total = {0};
        c.forEachStatus(0, (code, n) -> total[0] += n);
        assertEquals(200_000, total[0]);
    }
}
