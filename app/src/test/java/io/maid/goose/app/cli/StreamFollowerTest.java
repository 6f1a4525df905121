package io.maid.goose.app.cli;

import io.maid.goose.domain.RunEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.maid.goose.app.cli.RunEventScripts.RUN;
import static io.maid.goose.app.cli.RunEventScripts.envelopes;
import static io.maid.goose.app.cli.RunEventScripts.json;
import static io.maid.goose.app.cli.RunEventScripts.remnant;
import static io.maid.goose.app.cli.RunEventScripts.run;
import static io.maid.goose.app.cli.RunEventScripts.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code goose demo}'s live progress, driven by synthetic stream envelopes. */
class StreamFollowerTest {
    private static final String OTHER_RUN = "6f9e3c1a-0000-4000-8000-000000000002";
    private final List<String> out = new ArrayList<>();
    private final StreamFollower follower = new StreamFollower(new ProgressPrinter(out::add, 120));

    private static String completed(String runId) {
        return json(Map.of("Status", status(runId, "completed", 3)));
    }

    @Test
    void theStreamPrintsTheSameRowsAndLogLinesAsGooseRun() {
        List<RunEvent> events = run(remnant(0.3, 12));
        follower.release(RUN, 3);
        envelopes(events).forEach(follower::accept);

        List<String> run = ConsoleProgressTest.print(events, 0, 120);
        assertEquals(run.subList(1, run.size()), out.stream().filter(l -> !l.contains(" phase idle -> increase")).toList(),
                "the stream's only extra line is its own Log line for the phase change");
        assertEquals(4, ConsoleProgressTest.rows(out).size(), String.join("\n", out));
    }

    @Test
    void whatArrivesBeforeTheRunIsNamedIsPrintedAfterTheCallersLine() {
        List<String> envelopes = envelopes(run(null));
        envelopes.subList(0, 4).forEach(follower::accept);
        assertEquals(List.of(), out, "held until the answer to the start names the run");

        out.add("goose demo: POST /api/goose/run -> run " + RUN);
        follower.release(RUN, 3);
        envelopes.subList(4, envelopes.size()).forEach(follower::accept);

        assertTrue(out.get(1).startsWith("  [info] run " + RUN + " started"), String.join("\n", out));
        assertEquals(List.of("1s/3s", "2s/3s", "3s/3s"),
                ConsoleProgressTest.rows(out).stream().map(l -> l.split(" ")[0]).toList());
    }

    @Test
    void anotherRunsEnvelopesAreIgnoredAndItsEndDoesNotEndThisRun() throws Exception {
        follower.accept(completed(OTHER_RUN));
        follower.release(RUN, 3);
        envelopes(List.of(RunEventScripts.second(1, io.maid.goose.domain.RunPhase.MAINTAIN, 4, 75)))
                .forEach(e -> follower.accept(e.replace(RUN, OTHER_RUN)));
        follower.accept(json(Map.of("Log", Map.of("level", "info", "message", "not ours", "run_id", OTHER_RUN))));

        assertEquals(List.of(), out);
        follower.accept(completed(RUN));
        assertTrue(follower.awaitEnd(Duration.ZERO), "this run's final status ends it");
    }

    @Test
    void withoutTheRunsFinalStatusTheWaitTimesOut() throws Exception {
        follower.release(RUN, 3);
        envelopes(run(null)).forEach(follower::accept);
        assertFalse(follower.awaitEnd(Duration.ofMillis(1)));
    }

    @Test
    void nothingIsPrintedAfterTheEnd() throws Exception {
        follower.release(RUN, 3);
        follower.accept(completed(RUN));
        assertTrue(follower.awaitEnd(Duration.ZERO));
        envelopes(run(null)).forEach(follower::accept);
        follower.accept("{not json");
        assertEquals(List.of(), out, "the summary that follows is not interleaved with late lines");
    }

    @Test
    void anUnreadableMessageIsSaidAndTheRestStillPrinted() {
        follower.release(RUN, 3);
        follower.accept("{not json");
        envelopes(run(null)).forEach(follower::accept);
        assertTrue(out.get(0).startsWith("  (unreadable stream message: "), out.get(0));
        assertEquals(3, ConsoleProgressTest.rows(out).size());
    }
}
