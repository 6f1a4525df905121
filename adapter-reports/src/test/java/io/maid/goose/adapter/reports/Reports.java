package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.testkit.SampleRuns;

import java.nio.file.Path;

/** Writes reports as the service does, under a test's folder. */
final class Reports {
    private Reports() {
    }

    /** The artifacts under {@code root}, with the sample runs' codec. */
    static FileRunArtifacts under(Path root) {
        return new FileRunArtifacts(root, SampleRuns.CODEC);
    }

    /** Writes {@code summary}'s reports under {@code root}; returns the run's folder. */
    static Path write(Path root, RunSummary summary, Analysis analysis) {
        under(root).write(summary, analysis);
        return root.resolve(summary.runId());
    }
}
