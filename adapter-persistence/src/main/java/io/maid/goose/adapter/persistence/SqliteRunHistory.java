package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;
import io.maid.goose.ports.out.RunHistory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Run history in one SQLite file (sqlite-jdbc), durable across restarts and crashes.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 *   <li>Every write is committed, and with {@code synchronous=FULL} in WAL mode forced to disk, before
 *       the method returns: a run the service was told about survives a crash or a power cut, which is
 *       what {@link #markInterrupted} relies on at the next start. Writes are a handful per run, so the
 *       extra fsync per commit costs nothing that matters ({@code NORMAL} would risk losing the last
 *       commits on power loss).</li>
 *   <li>WAL journal: readers in other processes (a CLI, a backup) never block the service's writes;
 *       {@code busy_timeout} of {@value #BUSY_TIMEOUT_MS} ms rides out their short locks, and write
 *       transactions start {@code IMMEDIATE} so that two writers queue instead of deadlocking.</li>
 *   <li>The schema is created and upgraded on open from versioned scripts on the classpath
 *       ({@code db/migration/V<n>__*.sql}), each in one transaction; reopening is a no-op. A file that is
 *       not a SQLite database, or whose schema is newer than this build, is refused with
 *       {@link IllegalStateException} naming the file.</li>
 *   <li>Thread-safe: one connection, every call holds a lock for its whole duration (SQLite serialises
 *       writers anyway, and history calls are rare and short).</li>
 *   <li>{@link #insert} of an existing id and {@link #update} of an unknown id throw
 *       {@link IllegalStateException} and change nothing; storage failures throw
 *       {@link IllegalStateException} with the SQLite message.</li>
 *   <li>The config is stored as the run-config wire JSON through the injected {@link RunConfigCodec}, so
 *       it reads back exactly as the API would show it.</li>
 * </ul>
 */
public final class SqliteRunHistory implements RunHistory, AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5_000;
    /** Fixed width, so that comparing the text compares the instants (Instant.toString trims zeros). */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "run_id, status, phase, started_at, ended_at, config_json, total_requests, "
            + "total_failures, total_rps, total_p99_ms, report_files, error, analysis_state, analysis_json, analysis_error, "
            + "total_p95_ms";
    private static final String UPDATE_SQL = "UPDATE runs SET run_id = ?, status = ?, phase = ?, started_at = ?, ended_at = ?, "
            + "config_json = ?, total_requests = ?, total_failures = ?, total_rps = ?, total_p99_ms = ?, report_files = ?, "
            + "error = ?, analysis_state = ?, analysis_json = ?, analysis_error = ?, total_p95_ms = ? WHERE run_id = ?";

    private final Path databaseFile;
    private final RunConfigCodec codec;
    private final InstantSource time;
    private final StoredJson json = new StoredJson();
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private boolean closed;

    /**
     * Opens (creating if needed, with its parent directories) the history in {@code databaseFile}; runs
     * marked interrupted are stamped with the system time.
     *
     * @throws IllegalStateException if the file cannot be opened, is not a SQLite database, or has a
     *                               schema newer than this build
     */
    public SqliteRunHistory(Path databaseFile, RunConfigCodec codec) {
        this(databaseFile, codec, InstantSource.system());
    }

    /** As {@link #SqliteRunHistory(Path, RunConfigCodec)}, stamping interrupted runs with {@code time}. */
    public SqliteRunHistory(Path databaseFile, RunConfigCodec codec, InstantSource time) {
        this.databaseFile = Objects.requireNonNull(databaseFile, "databaseFile").toAbsolutePath();
        this.codec = Objects.requireNonNull(codec, "codec");
        this.time = Objects.requireNonNull(time, "time");
        try {
            Path parent = this.databaseFile.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the run history " + this.databaseFile, e);
        }
        this.connection = open(this.databaseFile, time);
    }

    private static Connection open(Path file, InstantSource time) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file);
            SchemaMigrations.migrate(c, file.toString(), time);
            return c;
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new IllegalStateException(openFailure(file, e), e);
        } catch (RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    private static String openFailure(Path file, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT")) {
            return "the run history " + file + " is not a SQLite database or is corrupt (" + message + "); "
                    + "move it aside to start a new history, or restore it from a backup";
        }
        return "cannot open the run history " + file + ": " + message;
    }

    private static void closeQuietly(Connection c, Exception cause) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public void insert(RunRecord record) {
        Objects.requireNonNull(record, "record");
        String sql = "INSERT INTO runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (run_id) DO NOTHING";
        withConnection("insert run " + record.runId(), c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, record);
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException("run " + record.runId() + " is already in history");
                }
            }
            return null;
        });
    }

    @Override
    public void update(RunRecord record) {
        Objects.requireNonNull(record, "record");
        withConnection("update run " + record.runId(), c -> {
            try (PreparedStatement s = c.prepareStatement(UPDATE_SQL)) {
                bindUpdate(s, record);
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException("run " + record.runId() + " is not in history; insert it first");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        Objects.requireNonNull(runId, "runId");
        return withConnection("find run " + runId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE run_id = ?")) {
                s.setString(1, runId);
                List<RunRecord> found = read(s);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    @Override
    public List<RunRecord> list(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + " and " + offset);
        }
        return withConnection("list runs", c -> newestFirst(c, limit, offset));
    }

    @Override
    public long count() {
        return withConnection("count runs", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM runs")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public List<RunRecord> markInterrupted(String reason) {
        Instant now = time.instant();
        return markWhere("mark interrupted runs", "status IN ('running', 'pending')",
                r -> r.withState(RunState.FAILED, now, reason));
    }

    @Override
    public List<RunRecord> markAnalysesInterrupted(String reason) {
        return markWhere("mark interrupted analyses", "analysis_state = 'pending'",
                r -> r.withAnalysis(AnalysisState.FAILED, null, reason));
    }

    /** Rewrites every run matching {@code where} as {@code change} makes it, in one transaction; newest first. */
    private List<RunRecord> markWhere(String what, String where, UnaryOperator<RunRecord> change) {
        return withConnection(what, c -> inTransaction(c, () -> {
            List<RunRecord> matching;
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE " + where
                    + " ORDER BY started_at DESC, run_id DESC")) {
                matching = read(s);
            }
            List<RunRecord> marked = new ArrayList<>(matching.size());
            try (PreparedStatement s = c.prepareStatement(UPDATE_SQL)) {
                for (RunRecord r : matching) {
                    RunRecord changed = change.apply(r);
                    bindUpdate(s, changed);
                    s.addBatch();
                    marked.add(changed);
                }
                s.executeBatch();
            }
            return List.copyOf(marked);
        }));
    }

    @Override
    public List<RunRecord> retainNewest(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        return withConnection("retain the newest " + keep + " runs", c -> inTransaction(c, () -> {
            // LIMIT -1 is SQLite for "no limit": everything after the newest `keep`.
            List<RunRecord> oldest = newestFirst(c, -1, keep);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM runs WHERE run_id = ?")) {
                for (RunRecord r : oldest) {
                    s.setString(1, r.runId());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return List.copyOf(oldest);
        }));
    }

    /** Closes the database; later calls throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("closing the run history " + databaseFile + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteRunHistory[" + databaseFile + "]";
    }

    private List<RunRecord> newestFirst(Connection c, int limit, int offset) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM runs "
                + "ORDER BY started_at DESC, run_id DESC LIMIT ? OFFSET ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            return read(s);
        }
    }

    private void bind(PreparedStatement s, RunRecord r) throws SQLException {
        if (r.startedAt() == null) {
            throw new IllegalArgumentException("run " + r.runId() + " has no started_at; history orders runs by it");
        }
        Objects.requireNonNull(r.state(), "state");
        Objects.requireNonNull(r.config(), "config");
        s.setString(1, r.runId());
        s.setString(2, r.state().wireName());
        s.setString(3, r.phase() == null ? null : r.phase().wireName());
        s.setString(4, instant(r.startedAt()));
        s.setString(5, instant(r.endedAt()));
        s.setString(6, codec.encode(r.config()));
        s.setLong(7, r.totals().requests());
        s.setLong(8, r.totals().failures());
        s.setDouble(9, r.totals().rps());
        s.setDouble(10, r.totals().p99Ms());
        s.setString(11, json.reportFiles(r.reportFiles()));
        s.setString(12, r.error());
        s.setString(13, r.analysisState().wireName());
        s.setString(14, json.analysis(r.analysis()));
        s.setString(15, r.analysisError());
        if (Double.isFinite(r.totals().p95Ms())) {
            s.setDouble(16, r.totals().p95Ms());
        } else {
            s.setNull(16, java.sql.Types.REAL);
        }
    }

    private List<RunRecord> read(PreparedStatement s) throws SQLException {
        List<RunRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                records.add(record(rs));
            }
        }
        return records;
    }

    /** NULL for runs recorded before the p95 was kept. */
    private static double p95(ResultSet rs) throws SQLException {
        double v = rs.getDouble("total_p95_ms");
        return rs.wasNull() ? Double.NaN : v;
    }

    private RunRecord record(ResultSet rs) throws SQLException {
        String runId = rs.getString("run_id");
        String phase = rs.getString("phase");
        return new RunRecord(runId,
                RunState.fromWire(rs.getString("status")),
                phase == null ? null : RunPhase.fromWire(phase),
                parseInstant(rs.getString("started_at")),
                parseInstant(rs.getString("ended_at")),
                config(runId, rs.getString("config_json")),
                new RunTotals(rs.getLong("total_requests"), rs.getLong("total_failures"), rs.getDouble("total_rps"),
                        rs.getDouble("total_p99_ms"), p95(rs)),
                json.reportFiles(rs.getString("report_files")),
                rs.getString("error"),
                AnalysisState.valueOf(rs.getString("analysis_state").toUpperCase(Locale.ROOT)),
                json.analysis(rs.getString("analysis_json")),
                rs.getString("analysis_error"));
    }

    private RunConfig config(String runId, String stored) {
        DecodeResult decoded = codec.decode(stored);
        if (decoded instanceof DecodeResult.Valid valid) {
            return valid.config();
        }
        List<ConfigViolation> violations = ((DecodeResult.Invalid) decoded).violations();
        throw new IllegalStateException("the stored config of run " + runId + " in " + databaseFile
                + " no longer decodes: " + violations.stream().map(v -> v.pointer() + " " + v.message())
                .collect(Collectors.joining("; ")));
    }

    private static String instant(Instant t) {
        return t == null ? null : SORTABLE_INSTANT.format(t);
    }

    private static Instant parseInstant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlBlock<T> {
        T run() throws SQLException;
    }

    /** Binds {@link #UPDATE_SQL}: every column from {@code record}, keyed by its run id. */
    private void bindUpdate(PreparedStatement s, RunRecord record) throws SQLException {
        bind(s, record);
        s.setString(17, record.runId());
    }

    private <T> T withConnection(String what, SqlWork<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the run history " + databaseFile + " is closed");
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("run history " + databaseFile + ": cannot " + what + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static <T> T inTransaction(Connection c, SqlBlock<T> block) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = block.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
