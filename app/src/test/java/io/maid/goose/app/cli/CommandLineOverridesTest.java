package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.app.demo.DemoTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code goose run --users/--hatch-rate/--duration/--target} replace the file's values and are validated like them. */
class CommandLineOverridesTest {
    private static final String BARE = """
            {"target_base_url": "http://127.0.0.1:9", "users": 50, "hatch_rate": 1, "duration": {"seconds": 600},
             "request_timeout_seconds": 5,
             "scenarios": [{"name": "web", "transactions": [{"name": "home", "request": {"method": "GET", "path": "/"}}]}],
             "reports": {"formats": ["json"]}}""";

    @Test
    void theFlagsReplaceTheFilesValuesForTheRun(@TempDir Path dir) throws Exception {
        try (DemoTarget target = new DemoTarget()) {
            Path file = Files.writeString(dir.resolve("run.json"), "{\"config\": " + BARE + "}");
            Path reports = dir.resolve("reports");

            CliCapture r = CliCapture.run("run", file.toString(), "--report-dir", reports.toString(), "--users", "3",
                    "--hatch-rate", "30", "--duration", "1", "--target", target.baseUrl(),
                    "--data-dir", dir.resolve("data").toString());

            assertEquals(0, r.exitCode(), r.err());
            Matcher m = Pattern.compile("goose: run ([0-9a-f-]{36}) started: 3 users at 30/s against " + Pattern.quote(target.baseUrl()))
                    .matcher(r.out());
            assertTrue(m.find(), r.out());
            JsonNode config = new ObjectMapper().readTree(reports.resolve(m.group(1)).resolve("report.json").toFile()).get("config");
            assertEquals(3, config.get("users").asInt());
            assertEquals(30, config.get("hatch_rate").asDouble());
            assertEquals(1, config.at("/duration/seconds").asInt());
            assertEquals(target.baseUrl(), config.get("target_base_url").asText());
            assertTrue(target.requestsReceived() > 0, "the run went to the --target");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--users|0|/config/users|users: must be an integer from 1 to 100000, was 0 (the value came from --users)",
            "--users|many|/config/users|users: must be an integer from 1 to 100000, was \"many\" (the value came from --users)",
            "--hatch-rate|0.0001|/config/hatch_rate|hatch_rate: must be a number from 0.001 to 1000000, was 0.0001 (the value came from --hatch-rate)",
            "--duration|0|/config/duration/seconds|seconds: must be an integer from 1 to 86400, was 0 (the value came from --duration)",
            "--duration|1.5|/config/duration/seconds|seconds: must be an integer from 1 to 86400, was 1.5 (the value came from --duration)",
            "--target|ftp://target.example|/config/target_base_url|(the value came from --target)"})
    void aBadFlagValueIsAViolationAtThePointerItReplaces(String flag, String value, String pointer, String message,
                                                        @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), "{\"config\": " + BARE + "}");

        CliCapture r = CliCapture.run("run", file.toString(), flag, value);

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("  " + pointer + ": "), r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void inABareConfigTheViolationPointsFromTheRoot(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bare.json"), BARE);

        CliCapture r = CliCapture.run("run", file.toString(), "--users", "100001");

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("  /users: users: must be an integer from 1 to 100000, was 100001 (the value came from --users)"), r.err());
    }

    @Test
    void aViolationOfTheFileItselfIsNotBlamedOnAFlag(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bare.json"), BARE.replace("\"users\": 50", "\"users\": 0"));

        CliCapture r = CliCapture.run("run", file.toString(), "--hatch-rate", "5");

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("  /users: users: must be an integer from 1 to 100000, was 0\n")
                || r.err().contains("  /users: users: must be an integer from 1 to 100000, was 0" + System.lineSeparator()), r.err());
        assertTrue(!r.err().contains("came from"), r.err());
    }

    @Test
    void aFileThatIsNoJsonObjectIsReportedAsItIsDespiteTheFlags(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"users\": ");

        CliCapture r = CliCapture.run("run", file.toString(), "--users", "5");

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("(document): invalid JSON"), r.err());
    }
}
