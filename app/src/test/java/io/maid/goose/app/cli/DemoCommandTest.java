package io.maid.goose.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo in a shortened mode, through the real service: progress over the stream, summary, ground truth, reports, history. */
class DemoCommandTest {
    @Test
    void theShortDemoRunsThroughTheServiceAndWritesReportsAndHistory(@TempDir Path dir) throws Exception {
        Path reports = dir.resolve("reports");
        // 2 s of maintain: a 1 s one can fall between two per-second rows when the ramp runs late on a busy machine,
        // and each row is labelled with the phase it is published in
        CliCapture r = CliCapture.run("demo", "--duration", "2", "--report-dir", reports.toString(),
                "--data-dir", dir.resolve("data").toString());

        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("POST /api/goose/run -> run"), r.out());
        assertTrue(r.out().matches("(?s).*\\d+s\\s+maintain\\s+users\\s+20.*"), "per-second progress from the stream:\n" + r.out());
        assertTrue(r.out().contains("GET browse/home") && r.out().contains("GET browse/slow-page")
                && r.out().contains("GET flaky-api/flaky"), r.out());
        Matcher truth = Pattern.compile("the target received (\\d+) requests; the engine counted (\\d+)").matcher(r.out());
        assertTrue(truth.find(), r.out());
        assertEquals(truth.group(1), truth.group(2), "ground truth");
        assertTrue(Long.parseLong(truth.group(1)) > 20, r.out());
        Matcher id = Pattern.compile("run ([0-9a-f-]{36})").matcher(r.out());
        assertTrue(id.find(), r.out());
        for (String f : new String[] {"report.json", "report.csv", "report.html"}) {
            assertTrue(Files.size(reports.resolve(id.group(1)).resolve(f)) > 0, f);
        }
        assertTrue(r.out().contains("lists run " + id.group(1) + " as completed"), r.out());
        assertTrue(Files.exists(dir.resolve("data").resolve("goose.db")));
        ProgressRows.assertOnePerSecondInOrder(r.out(), 2, TerminalWidth.DEFAULT);
        assertTrue(ProgressRows.lineOf(r.out(), "POST /api/goose/run -> run") < ProgressRows.lineOf(r.out(), "[info] run "),
                "the start's answer comes before the run's first log line:\n" + r.out());
    }

    @Test
    void at80ColumnsTheDemoPrintsTheSameProgressAsRunAndASummaryThatFits(@TempDir Path dir) throws Exception {
        CliCapture r = CliCapture.run("demo", "--duration", "1", "--report-dir", dir.resolve("reports").toString(),
                "--data-dir", dir.resolve("data").toString(), "--width", "80");

        assertEquals(0, r.exitCode(), r.out() + r.err());
        ProgressRows.assertOnePerSecondInOrder(r.out(), 2, 80);
        int from = ProgressRows.lineOf(r.out(), "Run ");
        int to = ProgressRows.lineOf(r.out(), "ground truth: ");
        for (String line : r.out().lines().toList().subList(from, to + 1)) {
            assertTrue(line.length() <= 80, line.length() + " > 80: " + line);
        }
        assertTrue(Pattern.compile("(?m)^  GET flaky-api/flaky +200: \\d+").matcher(r.out()).find(), r.out());
    }

    @Test
    void theDemoRunsALoginFlowWhoseFailedChecksAreTheTargetsWrongProfiles(@TempDir Path dir) throws Exception {
        CliCapture r = CliCapture.run("demo", "--duration", "2", "--report-dir", dir.resolve("reports").toString(),
                "--data-dir", dir.resolve("data").toString());

        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("POST member/login") && r.out().contains("GET member/profile")
                && r.out().contains("POST member/logout"), r.out());
        Matcher flow = Pattern.compile("the target issued (\\d+) tokens, ended (\\d+), refused (\\d+) and gave"
                + " (\\d+) wrong profiles; failed checks: (\\d+)").matcher(r.out());
        assertTrue(flow.find(), r.out());
        assertEquals("5", flow.group(1), "the 5 member users (weight 1 of 4 of 20) each log in once");
        assertEquals("5", flow.group(2), "and log out once");
        assertEquals("0", flow.group(3), "with their own tokens only");
        assertEquals(flow.group(4), flow.group(5), "every wrong profile, and nothing else, fails the check");
        assertTrue(Pattern.compile("(?m)^member/profile: own profile +\\d+ +" + flow.group(4) + " ").matcher(r.out()).find(),
                "the checks table:\n" + r.out());
    }
}
