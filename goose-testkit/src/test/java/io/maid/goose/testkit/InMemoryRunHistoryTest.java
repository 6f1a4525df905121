package io.maid.goose.testkit;

import io.maid.goose.port.out.RunHistory;

class InMemoryRunHistoryTest extends RunHistoryContract {
    @Override
    protected RunHistory newHistory() {
        return new InMemoryRunHistory();
    }
}
