package io.maid.goose.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo in a shortened mode: a real run, a summary, ground truth, and the report files. */
class DemoCommandTest {
    @Test
    void theShortDemoRunsPrintsItsSummaryAndWritesTheReports(@TempDir Path dir) throws Exception {
        CliCapture r = CliCapture.run("demo", "--duration", "1", "--report-dir", dir.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("GET home"), r.out());
        assertTrue(r.out().contains("GET slow-page"), r.out());
        assertTrue(r.out().contains("GET flaky"), r.out());
        Matcher truth = Pattern.compile("the target received (\\d+) requests; the engine counted (\\d+)").matcher(r.out());
        assertTrue(truth.find(), r.out());
        assertEquals(truth.group(1), truth.group(2), "ground truth");
        assertTrue(Long.parseLong(truth.group(1)) > 20, r.out());
        Matcher id = Pattern.compile("goose: run ([0-9a-f-]{36}) started").matcher(r.out());
        assertTrue(id.find(), r.out());
        for (String f : new String[] {"report.json", "report.csv", "report.html"}) {
            assertTrue(Files.size(dir.resolve(id.group(1)).resolve(f)) > 0, f);
        }
    }
}
