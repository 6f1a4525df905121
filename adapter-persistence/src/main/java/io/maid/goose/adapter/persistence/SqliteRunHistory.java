package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.AnalysisState;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.threshold.Verdict;
import io.maid.goose.domain.StoredRun;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

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
 *       it reads back exactly as the API would show it. Pages of runs ({@link #list}) are read from columns
 *       (users and target have their own); a config is decoded only for {@link #find}, and to decide, once
 *       per open of the history, whether a stored config still passes today's rules: one that fails a rule
 *       tightened since it was written is listed as outdated and found with its stored text, and never
 *       makes a read fail.</li>
 * </ul>
 */
public final class SqliteRunHistory implements RunHistory, AutoCloseable {
    static final int BUSY_TIMEOUT_MS = 5_000;
    private static final String NEWEST_FIRST = " ORDER BY started_at DESC, run_id DESC";

    private final Path databaseFile;
    private final RunRows rows;
    private final InstantSource time;
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
        this.rows = new RunRows(codec, UUID.randomUUID().toString());
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
        withConnection("insert run " + record.runId(), c -> {
            try (PreparedStatement s = c.prepareStatement(RunRows.INSERT_SQL)) {
                rows.bindInsert(s, record);
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
        String sql = record.config() == null ? RunRows.UPDATE_KEEPING_CONFIG_SQL : RunRows.UPDATE_SQL;
        withConnection("update run " + record.runId(), c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                rows.bindUpdate(s, record);
                if (s.executeUpdate() == 0) {
                    throw new IllegalStateException("run " + record.runId() + " is not in history; insert it first");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<StoredRun> find(String runId) {
        Objects.requireNonNull(runId, "runId");
        return withConnection("find run " + runId, c -> {
            StoredRun found = null;
            try (PreparedStatement s = c.prepareStatement("SELECT " + RunRows.RECORD_COLUMNS + " FROM runs WHERE run_id = ?")) {
                s.setString(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        found = rows.stored(rs);
                    }
                }
            }
            if (found != null) {
                // the config was just decoded: keep what the list shows in step with it
                recordVerdict(c, runId, found.configOutdated());
            }
            return Optional.ofNullable(found);
        });
    }

    @Override
    public List<RunListing> list(int limit, int offset) {
        return list(limit, offset, null);
    }

    @Override
    public List<RunListing> list(int limit, int offset, Verdict verdict) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0, were " + limit + " and " + offset);
        }
        String where = whereVerdict(verdict);
        return withConnection("list runs", c -> {
            checkConfigsOfPage(c, where, limit, offset);
            return listings(c, "SELECT " + RunRows.LISTING_COLUMNS + " FROM runs" + where + NEWEST_FIRST
                    + " LIMIT ? OFFSET ?", limit, offset);
        });
    }

    @Override
    public long count() {
        return count(null);
    }

    @Override
    public long count(Verdict verdict) {
        return withConnection("count runs", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM runs" + whereVerdict(verdict))) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** A verdict is one of two fixed words, so it is written into the SQL; no text from a caller ever is. */
    private static String whereVerdict(Verdict verdict) {
        return verdict == null ? "" : " WHERE verdict = '" + verdict.wireName() + "'";
    }

    @Override
    public List<RunListing> markInterrupted(String reason) {
        Instant now = time.instant();
        String unfinished = " WHERE status IN ('running', 'pending')";
        return withConnection("mark interrupted runs", c -> inTransaction(c, () -> {
            List<RunListing> marked = listings(c, "SELECT " + RunRows.LISTING_COLUMNS + " FROM runs" + unfinished + NEWEST_FIRST);
            try (PreparedStatement s = c.prepareStatement("UPDATE runs SET status = 'failed', ended_at = ?, error = ?, "
                    + "verdict = 'failed'" + unfinished)) {
                s.setString(1, RunRows.instant(now));
                s.setString(2, reason);
                s.executeUpdate();
            }
            return marked.stream().map(l -> new RunListing(l.runId(), RunState.FAILED, l.phase(), l.startedAt(), now,
                    l.users(), l.target(), l.totals(), l.reportFiles(), l.reportsState(), reason, l.analysisState(),
                    l.configOutdated(), Verdict.FAILED))
                    .toList();
        }));
    }

    @Override
    public List<RunListing> markAnalysesInterrupted(String reason) {
        String pending = " WHERE analysis_state = 'pending'";
        return withConnection("mark interrupted analyses", c -> inTransaction(c, () -> {
            List<RunListing> marked = listings(c, "SELECT " + RunRows.LISTING_COLUMNS + " FROM runs" + pending + NEWEST_FIRST);
            try (PreparedStatement s = c.prepareStatement("UPDATE runs SET analysis_state = 'failed', analysis_json = NULL, "
                    + "analysis_error = ?" + pending)) {
                s.setString(1, reason);
                s.executeUpdate();
            }
            return marked.stream().map(l -> new RunListing(l.runId(), l.state(), l.phase(), l.startedAt(), l.endedAt(),
                    l.users(), l.target(), l.totals(), l.reportFiles(), l.reportsState(), l.error(), AnalysisState.FAILED,
                    l.configOutdated()))
                    .toList();
        }));
    }

    @Override
    public List<RunListing> reportsPending() {
        return withConnection("list runs with pending reports", c -> listings(c, "SELECT " + RunRows.LISTING_COLUMNS
                + " FROM runs WHERE reports_state = 'pending' ORDER BY started_at, run_id"));
    }

    @Override
    public List<RunListing> retainNewest(int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        return withConnection("retain the newest " + keep + " runs", c -> inTransaction(c, () -> {
            // LIMIT -1 is SQLite for "no limit": everything after the newest `keep`.
            List<RunListing> oldest = listings(c, "SELECT " + RunRows.LISTING_COLUMNS + " FROM runs" + NEWEST_FIRST
                    + " LIMIT -1 OFFSET ?", keep);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM runs WHERE run_id = ?")) {
                for (RunListing r : oldest) {
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

    /**
     * Decides, for the configs of the page that this open has not checked yet, whether today's rules still
     * pass them: each config is decoded once per open, never on every listing.
     */
    private void checkConfigsOfPage(Connection c, String where, int limit, int offset) throws SQLException {
        List<String[]> unchecked = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, config_json FROM (SELECT run_id, config_json, "
                + "config_checked_by, started_at FROM runs" + where + NEWEST_FIRST + " LIMIT ? OFFSET ?) "
                + "WHERE config_checked_by IS NOT ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            s.setString(3, rows.checkedBy());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    unchecked.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] row : unchecked) {
            recordVerdict(c, row[0], rows.check(row[1]).outdated());
        }
    }

    private void recordVerdict(Connection c, String runId, boolean outdated) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE runs SET config_outdated = ?, config_checked_by = ? WHERE run_id = ?")) {
            s.setInt(1, outdated ? 1 : 0);
            s.setString(2, rows.checkedBy());
            s.setString(3, runId);
            s.executeUpdate();
        }
    }

    private List<RunListing> listings(Connection c, String sql, int... parameters) throws SQLException {
        List<RunListing> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setInt(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rows.listing(rs));
                }
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlBlock<T> {
        T run() throws SQLException;
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
