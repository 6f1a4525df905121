package io.maid.goose.testkit;

import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.RunArtifacts;

class InMemoryRunArtifactsTest extends RunArtifactsContract {
    @Override
    protected RunArtifacts newArtifacts() {
        return new InMemoryRunArtifacts();
    }

    @Override
    protected void crashWhileWriting(RunArtifacts artifacts, RunSummary summary, String lastCompleteFile) {
        ((InMemoryRunArtifacts) artifacts).crashWhileWriting(summary, lastCompleteFile);
    }

    @Override
    protected RunArtifacts restarted(RunArtifacts crashed) {
        return crashed;
    }
}
