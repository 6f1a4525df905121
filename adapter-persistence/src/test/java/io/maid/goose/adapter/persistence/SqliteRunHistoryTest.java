package io.maid.goose.adapter.persistence;

import io.maid.goose.ports.out.RunHistory;
import io.maid.goose.testkit.FakeRunConfigCodec;
import io.maid.goose.testkit.RunHistoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The run-history contract, against a SQLite file in a temporary directory. */
class SqliteRunHistoryTest extends RunHistoryContract {
    @TempDir
    Path dir;

    private final List<SqliteRunHistory> opened = new ArrayList<>();

    @Override
    protected RunHistory newHistory() {
        SqliteRunHistory history = new SqliteRunHistory(dir.resolve("history-" + opened.size() + ".db"),
                new FakeRunConfigCodec());
        opened.add(history);
        return history;
    }

    @AfterEach
    void closeHistories() {
        opened.forEach(SqliteRunHistory::close);
    }
}
