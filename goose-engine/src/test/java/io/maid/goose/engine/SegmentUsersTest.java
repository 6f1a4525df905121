package io.maid.goose.engine;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.testkit.ScriptedTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static io.maid.goose.engine.EngineHarness.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A segment of a distributed run numbers its users in the whole run: {@code {{$user}}} and the scenario mix. */
class SegmentUsersTest extends FlowTestBase {

    private Set<String> pathsOf(int users, int index, int count, Scenario... scenarios) {
        h = new EngineHarness(users(), call -> ScriptedTransport.respond(200), 42L);
        io.maid.goose.domain.RunConfig.Builder c = config().users(users).hatchRate(users).durationSeconds(2).thinkTimeSeconds(1);
        for (Scenario s : scenarios) {
            c.scenario(s);
        }
        RunSummary summary = h.stepToEnd(h.start(c.build(), index, count), Duration.ofMillis(100));
        assertEquals(summary.total().count(), h.transport.sent().size());
        Set<String> paths = new TreeSet<>();
        h.transport.sent().forEach(s -> paths.add(s.request().path()));
        return paths;
    }

    @Test
    void userTemplateIsTheUsersIndexInTheWholeRun() {
        Scenario s = Scenario.builder("s").transaction(Transaction.builder("me").get("/users/{{$user}}").build()).build();

        assertEquals(Set.of("/users/1", "/users/4", "/users/7"), pathsOf(3, 1, 3, s),
                "segment 1 of 3 runs the whole run's users 1, 4 and 7");
    }

    @Test
    void scenariosFollowTheWholeRunsRoundRobin() {
        Scenario a = Scenario.builder("a").transaction(Transaction.builder("a").get("/a/{{$user}}").build()).build();
        Scenario b = Scenario.builder("b").transaction(Transaction.builder("b").get("/b/{{$user}}").build()).build();

        // round robin over the whole run gives even users a and odd users b; segment 0 of 2 has only even users
        assertEquals(Set.of("/a/0", "/a/2", "/a/4"), pathsOf(3, 0, 2, a, b));
    }
}
