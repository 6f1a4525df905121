package io.maid.goose.testkit;

import io.maid.goose.ports.out.RunHistory;

class InMemoryRunHistoryTest extends RunHistoryContract {
    @Override
    protected RunHistory newHistory() {
        return new InMemoryRunHistory();
    }
}
