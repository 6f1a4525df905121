package io.maid.goose.adapter.reports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.RunSummary;

import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code analysis.json}: the AI analysis alone, {@code {run_id, analysis: {summary, bottlenecks[],
 * recommendations[]}}}. Written only when the run has an analysis.
 */
final class AnalysisJsonReport implements ReportFile {
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public String fileName() {
        return "analysis.json";
    }

    @Override
    public void render(RunSummary summary, Analysis analysis, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("run_id", summary.runId());
            g.writeFieldName("analysis");
            JsonReport.analysis(g, analysis);
            g.writeEndObject();
        }
    }
}
