package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.testkit.FakeRunConfigCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** V5 adds the verdict column: runs recorded before it get the verdict of their status. */
class SqliteVerdictMigrationTest {
    @TempDir
    Path dir;

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    @Test
    void aVersion4HistoryIsMigratedWithTheVerdictOfEachFinishedRunsStatus() throws SQLException {
        Path file = dir.resolve("history.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, script TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL)");
            List<String> scripts = SchemaMigrations.SCRIPTS.subList(0, 4);
            for (int v = 1; v <= scripts.size(); v++) {
                for (String sql : SchemaMigrations.statements(SqliteRunHistoryStorageTest.resource("db/migration/" + scripts.get(v - 1)))) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("INSERT INTO schema_version VALUES (" + v + ", '" + scripts.get(v - 1) + "', '2025-01-01T00:00:00Z')");
            }
            String[] statuses = {"completed", "failed", "cancelled", "running"};
            for (int n = 1; n <= statuses.length; n++) {
                s.executeUpdate("INSERT INTO runs (run_id, status, phase, started_at, config_json) VALUES ('" + id(n)
                        + "', '" + statuses[n - 1] + "', 'completed', '2025-03-01T10:0" + n + ":00.000000000Z', '{}')");
            }
        }
        List<RunListing> page;
        try (SqliteRunHistory h = new SqliteRunHistory(file, new FakeRunConfigCodec(),
                InstantSource.fixed(Instant.parse("2025-03-02T00:00:00Z")))) {
            page = h.list(10, 0);
            assertEquals(2, h.count(Verdict.PASSED));
        }

        assertEquals(Arrays.asList(null, Verdict.PASSED, Verdict.FAILED, Verdict.PASSED),
                page.stream().map(RunListing::verdict).toList(), "newest first: running, cancelled, failed, completed");
    }
}
