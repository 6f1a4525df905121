package io.maid.goose.testkit;

import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.ports.out.RunHistory;

import java.util.List;

class InMemoryRunHistoryTest extends RunHistoryContract {
    @Override
    protected RunHistory newHistory() {
        return new InMemoryRunHistory();
    }

    @Override
    protected void storeOutdated(RunHistory history, RunRecord record, String storedConfig) {
        ((InMemoryRunHistory) history).insertOutdated(record, storedConfig,
                List.of(new ConfigViolation("/users", "must be at least 1")));
    }
}
