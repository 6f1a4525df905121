package io.maid.goose.app.cli;

import io.maid.goose.domain.LogEvent;
import io.maid.goose.domain.LogLevel;
import io.maid.goose.domain.MetricsSnapshot;
import io.maid.goose.domain.RunEvent;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.maid.goose.app.cli.RunEventScripts.RUN;
import static io.maid.goose.app.cli.RunEventScripts.remnant;
import static io.maid.goose.app.cli.RunEventScripts.run;
import static io.maid.goose.app.cli.RunEventScripts.second;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code goose run}'s live progress, driven by synthetic engine events. */
class ConsoleProgressTest {
    private static final String FIRST = "goose: run " + RUN + " started: 4 users at 4/s against http://127.0.0.1:9";

    /** What the console shows: the first {@code early} events are published before {@code begin}, as the engine does while starting. */
    static List<String> print(List<RunEvent> events, int early, int width) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), width)) {
            events.subList(0, early).forEach(progress::publish);
            progress.begin(List.of(FIRST), 3);
            events.subList(early, events.size()).forEach(progress::publish);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static List<String> rows(List<String> lines) {
        return lines.stream().filter(l -> l.matches("^( *\\d+s(/\\d+s)?|final \\d+\\.\\d+s) .*")).toList();
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + start + ": " + lines);
    }

    @Test
    void theCallersFirstLineComesBeforeTheEventsPublishedWhileStarting() {
        List<String> lines = print(run(null), 3, 120);
        assertEquals(FIRST, lines.get(0));
        assertEquals("  [info] run " + RUN + " started: 4 users at 4 users/s", lines.get(1));
        assertEquals("  [info] phase increase: launching 4 users at 4 users/s", lines.get(2));
    }

    @Test
    void rowsComeInTimeOrderOnePerSecondBetweenTheLogLinesOfTheirTime() {
        List<String> lines = print(run(null), 3, 120);
        assertEquals(List.of("1s/3s", "2s/3s", "3s/3s"), rows(lines).stream().map(l -> l.split(" ")[0]).toList());
        assertTrue(indexOf(lines, "1s/3s") < indexOf(lines, "[info] phase maintain"), String.join("\n", lines));
        assertTrue(indexOf(lines, "2s/3s") < indexOf(lines, "[info] phase decrease"), String.join("\n", lines));
        assertTrue(indexOf(lines, "3s/3s") > indexOf(lines, "[info] phase shutdown"), String.join("\n", lines));
        assertTrue(indexOf(lines, "3s/3s") < indexOf(lines, "[info] phase completed"), String.join("\n", lines));
    }

    @Test
    void aShutdownRemnantWithoutRequestsIsLeftOut() {
        List<String> rows = rows(print(run(remnant(0.004, 0)), 3, 120));
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.getLast().startsWith("3s/3s  shutdown"), rows.getLast());
        assertFalse(rows.stream().anyMatch(r -> r.matches(".*rps +0\\.0 .*")), "no row of zeros: " + rows);
    }

    @Test
    void aShutdownRemnantWithRequestsIsLabelledWithItsLengthAndItsRealRate() {
        List<String> rows = rows(print(run(remnant(0.3, 12)), 3, 120));
        assertEquals(4, rows.size(), String.join("\n", rows));
        String last = rows.getLast();
        assertTrue(last.startsWith("final 0.30s  shutdown  users    0  rps    40.0  fail    0"), last);
        assertTrue(last.contains("p99  53.0"), last);
    }

    @Test
    void aLateSnapshotKeepsItsOwnSecondAndTheNextOneTheNext() {
        // Taken 0.7 s late, the 2 s snapshot covers 1.7 s; the 3 s one is back on time and covers 0.3 s.
        MetricsSnapshot late = second(2.7, RunPhase.MAINTAIN, 4, 75);
        MetricsSnapshot onTime = second(3.0, RunPhase.MAINTAIN, 4, 75);
        List<String> rows = rows(print(List.of(second(1, RunPhase.MAINTAIN, 4, 75), late, onTime), 0, 120));
        assertEquals(List.of("1s/3s", "2s/3s", "3s/3s"), rows.stream().map(l -> l.split(" ")[0]).toList());
    }

    @Test
    void everyRowShowsTheCpu() {
        for (String row : rows(print(run(remnant(0.3, 12)), 3, 120))) {
            assertTrue(row.matches(".*cpu +40\\.0%$"), row);
        }
    }

    @Test
    void phaseChangesArePrintedOnceAsTheEnginesLogLines() {
        List<String> lines = print(run(null), 3, 120);
        assertEquals(1, lines.stream().filter(l -> l.contains("maintain:")).count(), String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.contains("->") || l.contains("\u2192")), String.join("\n", lines));
    }

    @Test
    void logLinesAreWrappedToTheWidthAndStrippedOfControlCharacters() {
        String hostile = "target said \u001b[2J\u001b[31mred\u0007 and " + "word ".repeat(30);
        List<String> lines = print(List.of(new LogEvent(RUN, ManualClock.DEFAULT_START, LogLevel.WARN, hostile)), 1, 80);
        List<String> log = new ArrayList<>(lines.subList(indexOf(lines, "[warn]"), lines.size()));
        assertTrue(log.size() > 1, "wrapped: " + log);
        assertTrue(log.get(0).startsWith("  [warn] target said [2J [31mred and word"), log.get(0));
        for (String line : log) {
            assertTrue(line.length() <= 80, line);
            assertTrue(line.chars().noneMatch(Character::isISOControl), line);
        }
        assertTrue(log.get(1).startsWith("    word"), "continuation lines are indented: " + log);
    }
}
