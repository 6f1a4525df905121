package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.ReportsState;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.testkit.FakeRunConfigCodec;
import io.maid.goose.domain.StoredRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract cannot see: restarts, crashes, the file itself, migrations and concurrency. */
class SqliteRunHistoryStorageTest {
    private static final RunConfig CONFIG = RunConfig.builder("https://target.example/api")
            .users(50).hatchRate(2.5).durationSeconds(600).get("checkout", "/cart").build();
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private static final Instant STOPPED = Instant.parse("2025-03-01T11:00:00Z");

    @TempDir
    Path dir;

    private final List<SqliteRunHistory> opened = new ArrayList<>();

    private Path file() {
        return dir.resolve("data").resolve("history.db");
    }

    private SqliteRunHistory open() {
        SqliteRunHistory h = new SqliteRunHistory(file(), new FakeRunConfigCodec(), InstantSource.fixed(STOPPED));
        opened.add(h);
        return h;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SqliteRunHistory::close);
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    private static RunRecord running(int n, Instant startedAt) {
        return RunRecord.started(id(n), startedAt, CONFIG).withPhase(RunPhase.MAINTAIN);
    }

    private Object query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    @Test
    void theParentDirectoriesOfTheFileAreCreated() {
        open();

        assertTrue(Files.isRegularFile(file()));
    }

    @Test
    void runsSurviveClosingAndReopeningTheStore() {
        SqliteRunHistory first = open();
        RunRecord r = running(1, T0);
        first.insert(r);
        first.close();

        SqliteRunHistory second = open();

        assertEquals(Optional.of(r), second.find(id(1)).map(StoredRun::record));
        assertEquals(1, second.count());
    }

    @Test
    void instantsKeepTheirNanosecondsAndOrderAcrossFractionWidths() {
        SqliteRunHistory h = open();
        // Instant.toString() would give "…00Z" and "…00.5Z", which sort the wrong way round as text.
        h.insert(running(1, Instant.parse("2025-03-01T10:00:00Z")));
        h.insert(running(2, Instant.parse("2025-03-01T10:00:00.500Z")));
        h.insert(running(3, T0));

        assertEquals(List.of(id(2), id(3), id(1)), h.list(10, 0).stream().map(RunListing::runId).toList());
        assertEquals(T0, h.find(id(3)).orElseThrow().record().startedAt());
    }

    @Test
    void givenAStoreAbandonedWithoutClose_thenANewStoreMarksItsRunningRunFailed() {
        SqliteRunHistory crashed = new SqliteRunHistory(file(), new FakeRunConfigCodec());
        crashed.insert(running(1, T0));
        // Dropped without close(), as a killed service would leave it.

        SqliteRunHistory restarted = open();
        List<RunListing> marked = restarted.markInterrupted("interrupted: service stopped during the run");

        assertEquals(List.of(id(1)), marked.stream().map(RunListing::runId).toList());
        RunRecord r = restarted.find(id(1)).orElseThrow().record();
        assertEquals(RunState.FAILED, r.state());
        assertEquals("interrupted: service stopped during the run", r.error());
        assertEquals(STOPPED, r.endedAt());
        assertEquals(RunPhase.MAINTAIN, r.phase());
    }

    @Test
    void givenAProcessKilledRightAfterInserting_thenTheRunIsThereAndMarkedFailedOnRestart() throws Exception {
        Files.createDirectories(file().getParent());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingHistoryWriter.class.getName(),
                file().toString(), id(7))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(CrashingHistoryWriter.EXIT_CODE, child.exitValue(), Files.readString(dir.resolve("child.log")));

        SqliteRunHistory restarted = open();
        List<RunListing> marked = restarted.markInterrupted("interrupted: service stopped during the run");

        assertEquals(List.of(id(7)), marked.stream().map(RunListing::runId).toList());
        assertEquals(RunState.FAILED, restarted.find(id(7)).orElseThrow().record().state());
    }

    @Test
    void retentionDeletesTheOldestAndReturnsThemNewestFirst() {
        SqliteRunHistory h = open();
        for (int i = 1; i <= 6; i++) {
            h.insert(running(i, T0.plusSeconds(i)));
        }

        List<RunListing> deleted = h.retainNewest(4);

        assertEquals(List.of(id(2), id(1)), deleted.stream().map(RunListing::runId).toList());
        assertEquals(List.of(id(6), id(5), id(4), id(3)), h.list(10, 0).stream().map(RunListing::runId).toList());
    }

    @Test
    void migrationsRunOnceAndReopeningIsANoOp() throws SQLException {
        open().insert(running(1, T0));
        open();
        open();

        assertEquals(SchemaMigrations.SCRIPTS.size(), ((Number) query("SELECT COUNT(*) FROM schema_version")).intValue());
        assertEquals(SchemaMigrations.latestVersion(), ((Number) query("SELECT MAX(version) FROM schema_version")).intValue());
        assertEquals(1, ((Number) query("SELECT COUNT(*) FROM runs")).intValue());
    }

    @Test
    void aVersion1HistoryIsMigratedWithUsersAndTargetBackfilledFromItsStoredConfigs() throws SQLException, IOException {
        Files.createDirectories(file().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, script TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL)");
            for (String sql : SchemaMigrations.statements(resource("db/migration/V1__runs.sql"))) {
                s.executeUpdate(sql);
            }
            s.executeUpdate("INSERT INTO schema_version VALUES (1, 'V1__runs.sql', '2025-01-01T00:00:00Z')");
            s.executeUpdate("INSERT INTO runs (run_id, status, phase, started_at, config_json, total_requests, total_rps) "
                    + "VALUES ('" + id(1) + "', 'completed', 'completed', '2025-03-01T10:00:00.000000000Z', "
                    + "'{\"target_base_url\":\"https://old.example\",\"users\":0,\"hatch_rate\":1}', 812, 81.79954653246999)");
            s.executeUpdate("INSERT INTO runs (run_id, status, phase, started_at, config_json) "
                    + "VALUES ('" + id(2) + "', 'failed', 'idle', '2025-03-01T09:00:00.000000000Z', 'not json at all')");
        }

        SqliteRunHistory h = open();
        List<RunListing> page = h.list(10, 0);

        assertEquals(List.of(id(1), id(2)), page.stream().map(RunListing::runId).toList());
        assertEquals(0, page.get(0).users(), "backfilled from the stored JSON, whatever today's rules say of it");
        assertEquals("https://old.example", page.get(0).target());
        assertEquals(812, page.get(0).totals().requests());
        assertTrue(page.get(0).configOutdated(), "users 0 fails today's rules");
        assertEquals(null, page.get(1).users());
        assertEquals(null, page.get(1).target());
        assertTrue(page.get(1).configOutdated());
        StoredRun broken = h.find(id(2)).orElseThrow();
        assertEquals("not json at all", broken.storedConfig());
        assertEquals(RunState.FAILED, broken.record().state());
    }

    @Test
    void aVersion3HistoryIsMigratedWithRunsThatListReportFilesMarkedWritten() throws SQLException, IOException {
        Files.createDirectories(file().getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, script TEXT NOT NULL, "
                    + "applied_at TEXT NOT NULL)");
            List<String> scripts = SchemaMigrations.SCRIPTS.subList(0, 3);
            for (int v = 1; v <= scripts.size(); v++) {
                for (String sql : SchemaMigrations.statements(resource("db/migration/" + scripts.get(v - 1)))) {
                    s.executeUpdate(sql);
                }
                s.executeUpdate("INSERT INTO schema_version VALUES (" + v + ", '" + scripts.get(v - 1) + "', '2025-01-01T00:00:00Z')");
            }
            s.executeUpdate("INSERT INTO runs (run_id, status, phase, started_at, config_json, report_files) VALUES ('"
                    + id(1) + "', 'completed', 'completed', '2025-03-01T10:00:00.000000000Z', '{}', '[\"report.json\"]')");
            s.executeUpdate("INSERT INTO runs (run_id, status, phase, started_at, config_json) VALUES ('"
                    + id(2) + "', 'failed', 'idle', '2025-03-01T09:00:00.000000000Z', '{}')");
        }

        List<RunListing> page = open().list(10, 0);

        assertEquals(ReportsState.WRITTEN, page.get(0).reportsState());
        assertEquals(List.of("report.json"), page.get(0).reportFiles());
        assertEquals(ReportsState.NONE, page.get(1).reportsState());
    }

    @Test
    void aConfigIsCheckedOncePerOpenNotOnEveryListing() throws SQLException {
        SqliteRunHistory h = open();
        h.insert(running(1, T0));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            // written behind the store's back but marked as checked by this open: the listing believes the mark
            s.executeUpdate("UPDATE runs SET config_json = 'garbage'");
        }
        assertTrue(!h.list(10, 0).get(0).configOutdated());

        SqliteRunHistory reopened = open();

        assertTrue(reopened.list(10, 0).get(0).configOutdated(), "a new open checks again");
    }

    static String resource(String name) {
        try (var in = SqliteRunHistoryStorageTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theDatabaseIsInWalMode() throws SQLException {
        open();

        assertEquals("wal", query("PRAGMA journal_mode"));
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedWithAClearError() throws IOException {
        Files.createDirectories(file().getParent());
        Files.write(file(), "this is a text file, not a run history\n".repeat(200).getBytes(StandardCharsets.UTF_8));

        IllegalStateException e = assertThrows(IllegalStateException.class, this::open);

        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
    }

    @Test
    void aSchemaNewerThanThisBuildIsRefusedWithAClearError() throws SQLException {
        open().close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO schema_version (version, script, applied_at) "
                    + "VALUES (99, 'V99__future.sql', '2030-01-01T00:00:00Z')");
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, this::open);

        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void theMigrationScriptsAreNamedInAscendingVersionOrder() {
        int previous = 0;
        for (String script : SchemaMigrations.SCRIPTS) {
            assertEquals(previous + 1, SchemaMigrations.version(script), script);
            previous = SchemaMigrations.version(script);
        }
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        SqliteRunHistory h = open();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        int n = thread * 100 + i;
                        h.insert(running(n, T0.plusMillis(n)));
                        h.update(h.find(id(n)).orElseThrow().record().withPhase(RunPhase.DECREASE));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(200, h.count());
        assertTrue(h.list(200, 0).stream().allMatch(r -> r.phase() == RunPhase.DECREASE));
    }

    @Test
    void aClosedStoreRefusesFurtherCalls() {
        SqliteRunHistory h = open();
        h.close();
        h.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, h::count);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void aRecordWithoutAStartTimeIsRejected() {
        SqliteRunHistory h = open();
        RunRecord noStart = new RunRecord(id(1), RunState.PENDING, RunPhase.IDLE, null, null, CONFIG, null, null, null,
                null, null, null);

        assertThrows(IllegalArgumentException.class, () -> h.insert(noStart));
        assertEquals(0, h.count());
    }
}
