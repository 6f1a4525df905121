package io.maid.goose.adapter.plugins.mistral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeGenerator;
import io.maid.goose.ports.out.RecipeRejectedException;
import io.maid.goose.ports.out.RecipeRequest;
import io.maid.goose.ports.out.RunConfigCodec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link RecipeGenerator} on a mistral.rs server: one chat completion constrained to the run-config JSON
 * Schema, checked by the {@link RunConfigCodec}, with one repair round when the answer is invalid.
 *
 * <p>The exchange, per attempt: {@code POST {endpoint}/v1/chat/completions} with {@code temperature} 0 and
 * {@code response_format: {"type":"json_schema","json_schema":{"name":"goose_run_config","schema":...}}}
 * carrying the codec's own schema, so decoding is constrained to the same contract the API enforces. The
 * mistral.rs {@code grammar} extension is never sent: it is mutually exclusive with {@code response_format}.
 *
 * <p>Before the answer is decoded, values the request fixes are put into it: the requested
 * {@code target_base_url} replaces the model's, the requested tags are added to {@code plugin_hints.tags},
 * and the prompt is kept in {@code plugin_hints.mistral_recipe_prompt} when the model left it out.
 *
 * <p>An answer cut off by the token limit ({@code finish_reason "length"}) counts as invalid. After the
 * repair round (the conversation, the model's answer and its violations), a still-invalid answer is
 * rejected with {@link RecipeRejectedException}. Each attempt is bounded by
 * {@link MistralSettings#recipeTimeout()}.
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client.
 */
public final class MistralRecipeGenerator implements RecipeGenerator, AutoCloseable {
    static final String SCHEMA_NAME = "goose_run_config";
    static final String TRUNCATED = "output truncated (finish_reason=length)";
    static final String PLACEHOLDER_TARGET = "https://target.example";
    /** Ample for any config a person would read; bounds a runaway generation. */
    static final int MAX_TOKENS = 4096;

    private static final System.Logger LOG = System.getLogger(MistralRecipeGenerator.class.getName());

    private final RunConfigCodec codec;
    private final ObjectMapper json = new ObjectMapper();
    private final MistralClient client;
    private final JsonNode schema;
    private final String systemPrompt;

    /**
     * @param settings the server, key, model and timeouts
     * @param codec    decodes and checks the model's answer; its {@link RunConfigCodec#schema()} constrains
     *                 the generation
     * @throws IllegalArgumentException if the codec's schema is not a JSON object
     */
    public MistralRecipeGenerator(MistralSettings settings, RunConfigCodec codec) {
        if (settings == null || codec == null) {
            throw new IllegalArgumentException("settings and codec are required");
        }
        this.codec = codec;
        this.schema = parseSchema(codec.schema());
        this.systemPrompt = Resources.text("recipe-system-prompt.txt");
        this.client = new MistralClient(settings, json);
    }

    @Override
    public Recipe generate(RecipeRequest request) {
        ArrayNode messages = json.createArrayNode();
        messages.add(message("system", systemPrompt));
        messages.add(message("user", userPrompt(request)));

        MistralClient.Completion first = client.chat(body(messages), client.settings().recipeTimeout());
        Attempt attempt = check(first, request);
        if (attempt.violations().isEmpty()) {
            return recipe(attempt, request, 1);
        }
        LOG.log(System.Logger.Level.INFO, "mistral.rs recipe answer has {0} violation(s); asking for one repair",
                attempt.violations().size());

        messages.add(message("assistant", first.content()));
        messages.add(message("user", repairPrompt(attempt.violations(), first.truncated())));
        MistralClient.Completion second = client.chat(body(messages), client.settings().recipeTimeout());
        Attempt repaired = check(second, request);
        if (repaired.violations().isEmpty()) {
            return recipe(repaired, request, 2);
        }
        throw new RecipeRejectedException(repaired.violations(), second.content(), 2);
    }

    /** What one answer came to: a config, or its violations; and what the model chose for the target. */
    private record Attempt(RunConfig config, List<ConfigViolation> violations,
                           String modelTarget, String model) {
    }

    private Attempt check(MistralClient.Completion completion, RecipeRequest request) {
        if (completion.truncated()) {
            return new Attempt(null, List.of(new ConfigViolation("", TRUNCATED)), null, completion.model());
        }
        String content = stripFence(completion.content());
        String modelTarget = null;
        String candidate = content;
        JsonNode parsed = tryParse(content);
        if (parsed instanceof ObjectNode object) {
            JsonNode target = object.get("target_base_url");
            modelTarget = target != null && target.isTextual() ? target.asText() : null;
            applyRequest(object, request);
            candidate = object.toString();
        }
        DecodeResult result = codec.decode(candidate);
        return switch (result) {
            case DecodeResult.Valid valid -> new Attempt(valid.config(), List.of(), modelTarget, completion.model());
            case DecodeResult.Invalid invalid -> new Attempt(null, invalid.violations(), modelTarget, completion.model());
        };
    }

    /** Puts what the request fixes into the model's answer. */
    private void applyRequest(ObjectNode config, RecipeRequest request) {
        if (request.targetBaseUrl() != null) {
            config.put("target_base_url", request.targetBaseUrl());
        }
        JsonNode hintsNode = config.get("plugin_hints");
        if (hintsNode != null && !hintsNode.isObject()) {
            return; // leave the model's mistake to the codec, which reports it with its pointer
        }
        ObjectNode hints = hintsNode == null ? json.createObjectNode() : (ObjectNode) hintsNode;
        if (!request.tags().isEmpty()) {
            JsonNode existing = hints.get("tags");
            if (existing != null && !existing.isArray()) {
                return;
            }
            Set<String> tags = new LinkedHashSet<>();
            if (existing != null) {
                existing.forEach(t -> tags.add(t.isTextual() ? t.asText() : t.toString()));
            }
            tags.addAll(request.tags());
            ArrayNode merged = hints.putArray("tags");
            tags.forEach(merged::add);
        }
        if (!hints.has("mistral_recipe_prompt")) {
            hints.put("mistral_recipe_prompt", request.prompt());
        }
        config.set("plugin_hints", hints);
    }

    private Recipe recipe(Attempt attempt, RecipeRequest request, int attempts) {
        StringBuilder notes = new StringBuilder("generated by mistral.rs model '").append(attempt.model()).append("' in ")
                .append(attempts).append(attempts == 1 ? " attempt" : " attempts (one repair round)");
        if (request.targetBaseUrl() != null) {
            notes.append("; target_base_url taken from the request");
            if (attempt.modelTarget() != null && !attempt.modelTarget().equals(request.targetBaseUrl())) {
                notes.append(" (the model proposed '").append(attempt.modelTarget()).append("')");
            }
        } else if (attempt.config().targetBaseUrl().toString().startsWith(PLACEHOLDER_TARGET)) {
            notes.append("; target_base_url is the placeholder ").append(PLACEHOLDER_TARGET)
                    .append(": set the real target before running");
        }
        if (!request.tags().isEmpty()) {
            notes.append("; tags from the request added to plugin_hints.tags");
        }
        return new Recipe(attempt.config(), notes.toString(), attempts);
    }

    private String userPrompt(RecipeRequest request) {
        StringBuilder b = new StringBuilder("Write the run config for this traffic:\n\n").append(request.prompt().strip());
        if (request.targetBaseUrl() != null) {
            b.append("\n\nTarget base URL: ").append(request.targetBaseUrl()).append(" (use it exactly as target_base_url).");
        }
        if (!request.tags().isEmpty()) {
            b.append("\n\nTags: ").append(String.join(", ", request.tags())).append(" (put them in plugin_hints.tags).");
        }
        return b.toString();
    }

    private static String repairPrompt(List<ConfigViolation> violations, boolean truncated) {
        StringBuilder b = new StringBuilder("That answer is not a valid run config. Problems (JSON pointer: problem):\n");
        for (ConfigViolation v : violations) {
            b.append("- ").append(v.pointer().isEmpty() ? "(root)" : v.pointer()).append(": ").append(v.message()).append('\n');
        }
        if (truncated) {
            b.append("Keep it shorter: fewer scenarios and transactions, and leave out optional fields whose defaults fit.\n");
        }
        b.append("Answer with the corrected, complete JSON object only.");
        return b.toString();
    }

    private ObjectNode body(ArrayNode messages) {
        ObjectNode body = json.createObjectNode();
        body.put("model", client.settings().model());
        body.put("temperature", 0);
        body.put("max_tokens", MAX_TOKENS);
        body.set("messages", messages.deepCopy());
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode jsonSchema = format.putObject("json_schema");
        jsonSchema.put("name", SCHEMA_NAME);
        jsonSchema.set("schema", schema.deepCopy());
        return body;
    }

    private ObjectNode message(String role, String content) {
        ObjectNode m = json.createObjectNode();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private JsonNode tryParse(String content) {
        try {
            return json.readTree(content);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Models sometimes wrap JSON in a Markdown fence despite the instructions; the fence is not content. */
    static String stripFence(String content) {
        String t = content.strip();
        if (!t.startsWith("```")) {
            return content;
        }
        int firstLineEnd = t.indexOf('\n');
        int closing = t.lastIndexOf("```");
        if (firstLineEnd < 0 || closing <= firstLineEnd) {
            return content;
        }
        return t.substring(firstLineEnd + 1, closing).strip();
    }

    private JsonNode parseSchema(String text) {
        try {
            JsonNode node = text == null ? null : json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the codec's schema must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the codec's schema is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
