package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.RunSummary;
import io.maid.goose.ports.out.PluginUpstreamException;
import io.maid.goose.ports.out.PluginUpstreamException.Kind;
import io.maid.goose.ports.out.RunAnalyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@link RunAnalyzer} on a mistral.rs server: sends a bounded digest of the run (see {@link RunDigest}) in
 * one chat completion constrained by {@code response_format} to the analysis schema
 * ({@code analysis.schema.json}: {@code summary}, {@code bottlenecks[{title, evidence, severity}]},
 * {@code recommendations[]}), then checks the answer against that schema's rules itself, since a
 * proxy or a server without constrained decoding may return anything.
 *
 * <p>The call is bounded by {@link MistralSettings#analysisTimeout()}. Thread-safe. {@link #close()}
 * releases the HTTP client.
 */
public final class MistralRunAnalyzer implements RunAnalyzer, AutoCloseable {
    static final String SCHEMA_NAME = "goose_run_analysis";
    static final Set<String> SEVERITIES = Set.of("low", "medium", "high", "critical");
    static final int MAX_TOKENS = 2048;

    private final ObjectMapper json = new ObjectMapper();
    private final MistralClient client;
    private final RunDigest digest = new RunDigest(json);
    private final JsonNode schema;
    private final String systemPrompt;

    public MistralRunAnalyzer(MistralSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        this.client = new MistralClient(settings, json);
        this.systemPrompt = Resources.text("analysis-system-prompt.txt");
        try {
            this.schema = json.readTree(Resources.text("analysis.schema.json"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the packaged analysis schema is not JSON", e);
        }
    }

    @Override
    public Analysis analyze(RunSummary summary) {
        if (summary == null) {
            throw new IllegalArgumentException("summary is required");
        }
        ObjectNode body = json.createObjectNode();
        body.put("model", client.settings().model());
        body.put("temperature", 0);
        body.put("max_tokens", MAX_TOKENS);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", systemPrompt);
        messages.addObject().put("role", "user").put("content", "Digest of the run:\n" + digest.render(summary));
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", SCHEMA_NAME);
        jsonSchema.set("schema", schema.deepCopy());

        MistralClient.Completion answer = client.chat(body, client.settings().analysisTimeout());
        if (answer.truncated()) {
            throw bad("the analysis was cut off by the token limit (finish_reason=length)");
        }
        return parse(answer.content());
    }

    /** The digest the model is sent, for the caller's logs or for inspection. */
    String digestOf(RunSummary summary) {
        return digest.render(summary);
    }

    Analysis parse(String content) {
        JsonNode root;
        try {
            root = json.readTree(MistralRecipeGenerator.stripFence(content));
        } catch (JsonProcessingException e) {
            throw bad("the analysis is not JSON: " + client.quote(content));
        }
        if (root == null || !root.isObject()) {
            throw bad("the analysis is not a JSON object: " + client.quote(content));
        }
        String summary = text(root, "summary", "/summary");
        JsonNode bottlenecksNode = array(root, "bottlenecks");
        List<Bottleneck> bottlenecks = new ArrayList<>();
        for (int i = 0; i < bottlenecksNode.size(); i++) {
            JsonNode b = bottlenecksNode.get(i);
            String at = "/bottlenecks/" + i;
            if (!b.isObject()) {
                throw bad("the analysis has a non-object at " + at);
            }
            String title = text(b, "title", at + "/title");
            String evidence = text(b, "evidence", at + "/evidence");
            String severity = text(b, "severity", at + "/severity").strip().toLowerCase(Locale.ROOT);
            if (!SEVERITIES.contains(severity)) {
                throw bad("the analysis has severity '" + client.quote(b.get("severity").asText()) + "' at " + at
                        + "/severity; expected low, medium, high or critical");
            }
            bottlenecks.add(new Bottleneck(title, evidence, severity));
        }
        JsonNode recommendationsNode = array(root, "recommendations");
        List<String> recommendations = new ArrayList<>();
        for (int i = 0; i < recommendationsNode.size(); i++) {
            JsonNode r = recommendationsNode.get(i);
            if (!r.isTextual()) {
                throw bad("the analysis has a non-string at /recommendations/" + i);
            }
            recommendations.add(r.asText());
        }
        return new Analysis(summary, bottlenecks, recommendations);
    }

    private String text(JsonNode node, String field, String pointer) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw bad("the analysis lacks a non-empty string at " + pointer);
        }
        return v.asText();
    }

    private JsonNode array(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw bad("the analysis lacks the array /" + field);
        }
        return v;
    }

    private PluginUpstreamException bad(String what) {
        return new PluginUpstreamException(Kind.BAD_RESPONSE, 200, client.where("POST " + MistralClient.CHAT_ROUTE) + ": " + what);
    }

    @Override
    public void close() {
        client.close();
    }
}
