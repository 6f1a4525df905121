package io.maid.goose.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwaitTest {
    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Await.until(() -> polls.incrementAndGet() >= 3, Duration.ofSeconds(5), "three polls");
        assertTrue(polls.get() >= 3);
    }

    @Test
    void failsNamingTheConditionAtTheDeadline() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until(() -> false, Duration.ofMillis(20), "the impossible"));
        assertTrue(e.getMessage().contains("the impossible"), e.getMessage());
    }
}
