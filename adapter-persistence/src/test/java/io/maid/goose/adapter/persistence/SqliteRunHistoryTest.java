package io.maid.goose.adapter.persistence;

import io.maid.goose.domain.RunRecord;
import io.maid.goose.ports.out.RunHistory;
import io.maid.goose.testkit.FakeRunConfigCodec;
import io.maid.goose.testkit.RunHistoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The run-history contract, against a SQLite file in a temporary directory. */
class SqliteRunHistoryTest extends RunHistoryContract {
    @TempDir
    Path dir;

    private final List<SqliteRunHistory> opened = new ArrayList<>();
    private final Map<RunHistory, Path> files = new IdentityHashMap<>();

    @Override
    protected RunHistory newHistory() {
        Path file = dir.resolve("history-" + opened.size() + ".db");
        SqliteRunHistory history = new SqliteRunHistory(file, new FakeRunConfigCodec());
        opened.add(history);
        files.put(history, file);
        return history;
    }

    /** Inserts the record, then swaps its config for {@code storedConfig} behind the store's back, as an older build wrote it. */
    @Override
    protected void storeOutdated(RunHistory history, RunRecord record, String storedConfig) {
        history.insert(record);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + files.get(history));
             PreparedStatement s = c.prepareStatement(
                     "UPDATE runs SET config_json = ?, config_checked_by = NULL WHERE run_id = ?")) {
            s.setString(1, storedConfig);
            s.setString(2, record.runId());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("run " + record.runId() + " was not stored");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void closeHistories() {
        opened.forEach(SqliteRunHistory::close);
    }
}
