package io.maid.goose.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON columns other than the config: report file names and the analysis, in the same snake_case shape
 * the API shows, written field by field so that a rename in the domain cannot silently change stored data.
 */
final class StoredJson {
    private final ObjectMapper mapper = JsonMapper.builder().build();

    String reportFiles(List<String> files) {
        ArrayNode a = mapper.createArrayNode();
        files.forEach(a::add);
        return write(a);
    }

    List<String> reportFiles(String json) {
        List<String> files = new ArrayList<>();
        for (JsonNode n : read(json, "report_files")) {
            files.add(n.asText());
        }
        return files;
    }

    String analysis(Analysis analysis) {
        if (analysis == null) {
            return null;
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("summary", analysis.summary());
        ArrayNode bottlenecks = o.putArray("bottlenecks");
        for (Bottleneck b : analysis.bottlenecks()) {
            bottlenecks.addObject().put("title", b.title()).put("evidence", b.evidence()).put("severity", b.severity());
        }
        ArrayNode recommendations = o.putArray("recommendations");
        analysis.recommendations().forEach(recommendations::add);
        return write(o);
    }

    Analysis analysis(String json) {
        if (json == null) {
            return null;
        }
        JsonNode o = read(json, "analysis_json");
        List<Bottleneck> bottlenecks = new ArrayList<>();
        for (JsonNode b : o.path("bottlenecks")) {
            bottlenecks.add(new Bottleneck(text(b, "title"), text(b, "evidence"), text(b, "severity")));
        }
        List<String> recommendations = new ArrayList<>();
        for (JsonNode r : o.path("recommendations")) {
            recommendations.add(r.asText());
        }
        return new Analysis(text(o, "summary"), bottlenecks, recommendations);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + node.getNodeType() + " as JSON", e);
        }
    }

    private JsonNode read(String json, String column) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored " + column + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
