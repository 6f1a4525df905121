package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** goose validate and goose run load a config's CSV feeders relative to the config file's folder, before anything runs. */
class FeederFilesCommandTest {
    private static final String CONFIG = """
            {"target_base_url": "http://127.0.0.1:9", "users": 1, "hatch_rate": 1, "duration": {"seconds": 1},
             "data": [{"name": "accounts", "csv": "%s"}],
             "scenarios": [{"name": "s", "transactions": [{"name": "login", "feed": "accounts",
               "request": {"method": "GET", "path": "/", "headers": [{"name": "X-User", "value": "{{accounts.%s}}"}]}}]}]}""";

    @TempDir
    Path dir;

    private Path config(String csv, String column, boolean envelope) throws Exception {
        String text = CONFIG.formatted(csv, column);
        return Files.writeString(Files.createDirectories(dir.resolve("configs")).resolve("c.json"),
                envelope ? "{\"config\": " + text + "}" : text);
    }

    @Test
    void aCsvBesideTheConfigFileIsFoundWhereverGooseRunsFrom() throws Exception {
        Path f = config("accounts.csv", "username", true);
        Files.writeString(f.resolveSibling("accounts.csv"), "username\nalice\n");

        CliCapture r = CliCapture.run("validate", f.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("valid", r.out().strip());
    }

    @Test
    void aMissingCsvIsNamedByItsResolvedPathAtItsPointer() throws Exception {
        Path f = config("feeds/accounts.csv", "username", true);

        CliCapture r = CliCapture.run("validate", f.toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("  /config/data/0/csv: csv: file not found: " + dir.resolve("configs/feeds/accounts.csv")),
                r.err());
    }

    @Test
    void aBadRowIsNamedByFileAndLine() throws Exception {
        Path f = config("accounts.csv", "username", false);
        Files.writeString(f.resolveSibling("accounts.csv"), "username,password\nalice,a\nbob\n");

        CliCapture r = CliCapture.run("validate", f.toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("  /data/0/csv: csv: " + f.resolveSibling("accounts.csv")
                + ":3: has 1 value but the header names 2 columns (username, password)"), r.err());
    }

    @Test
    void aColumnTheCsvLacksIsReportedAtTheTemplate() throws Exception {
        Path f = config("accounts.csv", "email", true);
        Files.writeString(f.resolveSibling("accounts.csv"), "username\nalice\n");

        CliCapture r = CliCapture.run("validate", f.toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("  /config/scenarios/0/transactions/0/request/headers/0/value: value: variable"
                + " 'accounts.email' is never set: feeder 'accounts' has no column 'email' (its columns: username)"), r.err());
    }

    @Test
    void runRefusesAMissingCsvBeforeAnythingRuns() throws Exception {
        Path f = config("accounts.csv", "username", true);
        Path reports = dir.resolve("reports");

        CliCapture r = CliCapture.run("run", f.toString(), "--report-dir", reports.toString(),
                "--data-dir", reports.resolveSibling("data").toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("/config/data/0/csv: csv: file not found: " + f.resolveSibling("accounts.csv")), r.err());
        assertFalse(Files.exists(reports), "no run, no reports");
    }

    @Test
    void runsReportEmbedsTheConfigAsWrittenNotTheFilesRows() throws Exception {
        Path f = config("accounts.csv", "username", true);
        Files.writeString(f.resolveSibling("accounts.csv"), "username\nalice-the-secret-user\n");
        Path reports = dir.resolve("reports");

        CliCapture r = CliCapture.run("run", f.toString(), "--report-dir", reports.toString());

        assertEquals(0, r.exitCode(), r.err());
        Path report;
        try (var runs = Files.list(reports)) {
            report = runs.findFirst().orElseThrow().resolve("report.json");
        }
        JsonNode feeder = new ObjectMapper().readTree(report.toFile()).at("/config/data/0");
        assertEquals("accounts.csv", feeder.path("csv").asText(), feeder.toString());
        assertFalse(feeder.has("rows"), feeder.toString());
        assertFalse(Files.readString(report).contains("alice-the-secret-user"), "no row of the file is copied into the report");
    }
}
