package io.maid.goose.engine.flow;

import io.maid.goose.domain.flow.Template;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-ins a user's templates render, and the variables it keeps. */
class UserSessionTest {
    private final ManualClock clock = new ManualClock();

    private static String render(String template, UserSession s) {
        StringBuilder out = new StringBuilder();
        assertEquals(null, Template.parse(template).renderTo(out, s, null));
        return out.toString();
    }

    @Test
    void theUserIndexTheIterationAndTheRunIdAreTheUsers() {
        UserSession s = new UserSession(4, "run-9", clock, 1);
        s.iterationEnded();
        s.iterationEnded();
        assertEquals("4/2/run-9", render("{{$user}}/{{$iteration}}/{{$run_id}}", s));
    }

    @Test
    void theTimestampIsTheEngineClocksWallTime() {
        UserSession s = new UserSession(0, "r", clock, 1);
        clock.advance(Duration.ofMillis(1234));
        assertEquals(Long.toString(ManualClock.DEFAULT_START.toEpochMilli() + 1234), render("{{$timestamp_ms}}", s));
    }

    @Test
    void aUuidIsAFreshVersion4UuidEachTime() {
        UserSession s = new UserSession(0, "r", clock, 1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            UUID u = UUID.fromString(render("{{$uuid}}", s));
            assertEquals(4, u.version());
            assertEquals(2, u.variant());
            assertTrue(seen.add(u.toString()));
        }
    }

    @Test
    void randomIntIsUniformOverBothEndsIncluded() {
        UserSession s = new UserSession(0, "r", clock, 1);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[Integer.parseInt(render("{{$random_int(-1,1)}}", s)) + 1]++;
        }
        for (int c : counts) {
            assertTrue(c > 800 && c < 1200, "each of -1, 0, 1 about a third of the time: " + c);
        }
        assertEquals("5", render("{{$random_int(5,5)}}", s));
    }

    @Test
    void theSameSeedRepeatsAUsersDrawsAndAnotherUserDrawsOthers() {
        String a = render("{{$uuid}} {{$random_int(0,1000000)}}", new UserSession(3, "r", clock, 42));
        assertEquals(a, render("{{$uuid}} {{$random_int(0,1000000)}}", new UserSession(3, "r", clock, 42)));
        assertNotEquals(a, render("{{$uuid}} {{$random_int(0,1000000)}}", new UserSession(4, "r", clock, 42)));
    }

    @Test
    void variablesLiveAcrossIterationsUntilReplaced() {
        UserSession s = new UserSession(0, "r", clock, 1);
        s.set("token", "a");
        s.iterationEnded();
        assertEquals("a", s.variable("token"));
        s.set("token", "b");
        assertEquals("b", s.variable("token"));
        assertEquals(null, s.variable("other"));
    }
}
