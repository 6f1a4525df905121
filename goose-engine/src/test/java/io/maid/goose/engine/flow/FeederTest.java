package io.maid.goose.engine.flow;

import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FeedStrategy;
import io.maid.goose.domain.flow.OnExhausted;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a feeder hands out its rows to the users' sessions. */
class FeederTest {
    private final ManualClock clock = new ManualClock();
    private final List<DataFeeder> exhausted = new CopyOnWriteArrayList<>();

    private Feeder feeder(FeedStrategy strategy, int rows) {
        DataFeeder.Builder b = DataFeeder.builder("ids").columns("id", "name").strategy(strategy);
        for (int i = 0; i < rows; i++) {
            b.row("r" + i, "n" + i);
        }
        return new Feeder(b.build(), exhausted::add);
    }

    private UserSession user(int index) {
        return new UserSession(index, "r", clock, 5);
    }

    @Test
    void aRowsColumnsBecomeFeederDotColumnVariables() {
        UserSession s = user(0);
        assertTrue(feeder(FeedStrategy.CIRCULAR, 2).takeInto(s));
        assertEquals("r0", s.variable("ids.id"));
        assertEquals("n0", s.variable("ids.name"));
    }

    @Test
    void circularSharesOneCursorAcrossUsersAndWraps() {
        Feeder f = feeder(FeedStrategy.CIRCULAR, 3);
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UserSession s = user(i % 2);
            f.takeInto(s);
            taken.add(s.variable("ids.id"));
        }
        assertEquals(List.of("r0", "r1", "r2", "r0", "r1", "r2", "r0"), taken);
    }

    @Test
    void uniqueHandsEachRowOutOnceAcrossThreadsThenReportsExhaustionOnce() throws Exception {
        Feeder f = feeder(FeedStrategy.UNIQUE, 1000);
        Set<String> taken = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        int[] refused = new int[4];
        AtomicInteger duplicates = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            int me = t;
            threads.add(Thread.ofPlatform().start(() -> {
                UserSession s = user(me);
                for (int i = 0; i < 300; i++) {
                    if (f.takeInto(s)) {
                        if (!taken.add(s.variable("ids.id"))) {
                            duplicates.incrementAndGet();
                        }
                    } else {
                        refused[me]++;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, duplicates.get(), "no row handed out twice");
        assertEquals(1000, taken.size());
        assertEquals(200, refused[0] + refused[1] + refused[2] + refused[3]);
        assertEquals(1, exhausted.size(), "told once");
    }

    @Test
    void anExhaustedTakeLeavesTheSessionAsItWas() {
        Feeder f = feeder(FeedStrategy.UNIQUE, 1);
        UserSession s = user(0);
        assertTrue(f.takeInto(s));
        assertFalse(f.takeInto(s));
        assertEquals("r0", s.variable("ids.id"));
    }

    @Test
    void randomDrawsFromTheUsersOwnGeneratorAndReachesEveryRow() {
        Feeder f = feeder(FeedStrategy.RANDOM, 5);
        Set<String> seen = new HashSet<>();
        UserSession s = user(0);
        for (int i = 0; i < 200; i++) {
            assertTrue(f.takeInto(s));
            seen.add(s.variable("ids.id"));
        }
        assertEquals(Set.of("r0", "r1", "r2", "r3", "r4"), seen);
        assertEquals(List.of(), exhausted, "a random feeder never runs out");
    }

    @Test
    void aFeederThatStillNamesItsFileIsRefused() {
        DataFeeder csv = new DataFeeder("accounts", new FeedSource.CsvFile("accounts.csv"), FeedStrategy.CIRCULAR,
                OnExhausted.STOP_USER);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Feeder(csv, exhausted::add));
        assertTrue(e.getMessage().contains("accounts.csv"), e.getMessage());
    }
}
