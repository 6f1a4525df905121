package io.maid.goose.adapter.reports;

import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.RunSummary;

import java.io.IOException;
import java.io.OutputStream;

/** One report file: its fixed name and how to render it. Implementations are stateless and thread-safe. */
interface ReportFile {
    String fileName();

    /** Renders the file; {@code analysis} may be null. */
    void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException;
}
