package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateAndSchemaCommandTest {
    static final String API_EXAMPLE = """
            {
              "config": {
                "target_base_url": "https://target.example",
                "users": 200,
                "hatch_rate": 50,
                "duration": { "seconds": 600 },
                "think_time_seconds": 3,
                "scenarios": [
                  { "name": "checkout", "weight": 2,
                    "transactions": [ { "name": "get-root", "request": { "method": "GET", "path": "/" } } ] }
                ],
                "scheduler": "round-robin",
                "reports": { "formats": ["json", "csv", "html"] },
                "plugin_hints": { "tags": ["production", "canary"] }
              }
            }
            """;

    @Test
    void theApiExampleIsValid(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("example.json"), API_EXAMPLE);
        CliCapture r = CliCapture.run("validate", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("valid", r.out().strip());
    }

    @Test
    void zeroUsersAndAnUnknownMethodAreBothNamedByPointerAndExitNonZero(@TempDir Path dir) throws Exception {
        String bad = API_EXAMPLE.replace("\"users\": 200", "\"users\": 0").replace("\"GET\"", "\"FETCH\"");
        Path f = Files.writeString(dir.resolve("bad.json"), bad);
        CliCapture r = CliCapture.run("validate", f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("/config/users"), r.err());
        assertTrue(r.err().contains("/config/scenarios/0/transactions/0/request/method"), r.err());
    }

    @Test
    void aBareConfigIsAcceptedWithPointersFromTheRoot(@TempDir Path dir) throws Exception {
        JsonNode bare = new ObjectMapper().readTree(API_EXAMPLE).get("config");
        Path f = Files.writeString(dir.resolve("bare.json"), bare.toString().replace("\"users\":200", "\"users\":0"));
        CliCapture r = CliCapture.run("validate", f.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("/users"), r.err());
    }

    @Test
    void aMissingFileIsAClearErrorNotAStackTrace(@TempDir Path dir) {
        CliCapture r = CliCapture.run("validate", dir.resolve("nope.json").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("file not found"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "run"})
    void aMissingFileIsAnsweredAsFileNotFoundNotAsAViolation(String command, @TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        CliCapture r = CliCapture.run(command, missing.toString());

        assertEquals(2, r.exitCode());
        assertEquals("goose: file not found: " + missing, r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void aDirectoryIsNoConfigFile(@TempDir Path dir) {
        CliCapture r = CliCapture.run("validate", dir.toString());

        assertEquals(2, r.exitCode());
        assertEquals("goose: cannot read " + dir + ": it is a directory", r.err().strip());
    }

    @Test
    void aTypoIsAnsweredWithTheFieldItMostLikelyMeant(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("typo.json"), API_EXAMPLE.replace("\"think_time_seconds\"", "\"think_time\""));

        CliCapture r = CliCapture.run("validate", f.toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("/config/think_time: think_time: is not a known property; did you mean `think_time_seconds`?"),
                r.err());
    }

    @Test
    void maxHistoryInARunConfigPointsToTheServiceSetting(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("history.json"), API_EXAMPLE.replace("\"users\": 200", "\"max_history\": 10, \"users\": 200"));

        CliCapture r = CliCapture.run("validate", f.toString());

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("/config/max_history: max_history: is a service setting, not part of a run config;"
                + " set persistence.max_history"), r.err());
    }

    @Test
    void schemaPrintsTheDraft07Schema() throws Exception {
        CliCapture r = CliCapture.run("schema");
        assertEquals(0, r.exitCode());
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertEquals("http://json-schema.org/draft-07/schema#", schema.get("$schema").asText());
        assertTrue(schema.get("properties").has("target_base_url"));
    }

    @Test
    void theSchemaCarriesTheFlowFields() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(CliCapture.run("schema").out());

        assertTrue(schema.at("/properties/data/items/properties").has("csv"), "data[].csv");
        assertTrue(schema.at("/properties/data/items/properties").has("rows"), "data[].rows");
        assertTrue(schema.get("properties").has("max_capture_bytes"));
        for (String field : java.util.List.of("on_start", "on_stop", "on_failure")) {
            assertTrue(schema.at("/properties/scenarios/items/properties").has(field), field);
        }
        for (String field : java.util.List.of("feed", "extract", "checks", "think_time_seconds")) {
            assertTrue(schema.at("/definitions/transaction/properties").has(field), field);
        }
        assertEquals(2, schema.at("/definitions/think_time/oneOf").size(), "a number or {min, max}");
    }

    @Test
    void everyShippedExampleIsValid() throws Exception {
        try (var files = Files.list(Path.of("..", "examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                CliCapture r = CliCapture.run("validate", f.toString());
                assertEquals(0, r.exitCode(), f + ": " + r.err());
            }
        }
    }
}
