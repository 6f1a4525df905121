package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiJson;
import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.ApiServices;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.Wire;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scopes;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.in.PluginUnavailableException;
import io.maid.goose.ports.out.PluginHealth;
import io.maid.goose.ports.out.PluginUpstreamException;
import io.maid.goose.ports.out.Recipe;
import io.maid.goose.ports.out.RecipeRejectedException;
import io.maid.goose.ports.out.RecipeRequest;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The plugin bus: {@code POST /recipes} (natural language to a run config, never started),
 * {@code POST /history/{run_id}/analysis} (request the AI analysis of a finished run) and
 * {@code GET /plugins} (what is configured and whether it answers).
 *
 * <p>Model calls take seconds to minutes. They run on the request's own virtual thread (Helidon SE 4 runs
 * every handler on one), holding no lock, so a slow model server delays only its own caller; the plugin
 * adapter bounds each call with its timeout. Upstream failures map to 503 (not configured), 504 (timed
 * out) and 502 (anything else), each with the upstream's client-safe message.
 */
public final class PluginRoutes {
    static final int MAX_PROMPT_CHARS = 10_000;
    static final int MAX_TAGS = 32;
    static final int MAX_TAG_CHARS = 64;
    /** The model's answer is bounded by its token limit; this only keeps a runaway answer out of the JSON. */
    static final int MAX_RAW_TEXT_CHARS = 64 * 1024;
    private static final String RECIPE_SHAPE = "{\"prompt\": \"...\", \"target_base_url\": \"...\", \"tags\": [...]}";
    private static final Set<String> RECIPE_FIELDS = Set.of("prompt", "target_base_url", "tags");
    private static final System.Logger LOG = System.getLogger(PluginRoutes.class.getName());

    private final ApiServices services;
    private final ApiResponses responses;
    private final ScopeGuard guard;
    private final TargetAllowList targets;

    public PluginRoutes(ApiServices services, ApiResponses responses, ScopeGuard guard, TargetAllowList targets) {
        this.services = services;
        this.responses = responses;
        this.guard = guard;
        this.targets = targets;
    }

    public void register(RouteTable routes, String base) {
        routes.post(base + "/recipes", guard.requirePrivileged(Scopes.WRITE, this::recipe));
        routes.post(base + "/history/{runId}/analysis", guard.requirePrivileged(Scopes.WRITE, this::analysis));
        routes.get(base + "/plugins", guard.require(Scopes.READ, this::plugins));
    }

    private void recipe(ServerRequest req, ServerResponse res) {
        RunBodyReader.Result read = RunBodyReader.read(req, RECIPE_SHAPE);
        if (read instanceof RunBodyReader.Problem p) {
            responses.error(res, p.status(), p.error(), p.message());
            return;
        }
        JsonNode tree;
        try {
            tree = responses.json().parse(((RunBodyReader.Body) read).text());
        } catch (JsonProcessingException e) {
            responses.error(res, 400, "malformed_json", ApiJson.describe(e));
            return;
        }
        if (tree == null || tree.isMissingNode()) {
            responses.error(res, 400, "malformed_json", "the request body holds no JSON; send " + RECIPE_SHAPE);
            return;
        }
        List<RunRoutes.ViolationDto> violations = new ArrayList<>();
        RecipeRequest request = parseRecipeRequest(tree, violations);
        if (request == null) {
            responses.send(res, 400, new InvalidRequest("invalid_recipe_request",
                    violations.size() + " problem(s) in the recipe request", violations));
            return;
        }
        if (request.targetBaseUrl() != null && !targets.allows(URI.create(request.targetBaseUrl()))) {
            targetNotAllowed(res, URI.create(request.targetBaseUrl()), "request");
            return;
        }

        Recipe recipe;
        try {
            recipe = services.recipes().generate(request);
        } catch (PluginUnavailableException e) {
            pluginUnavailable(res, e);
            return;
        } catch (RecipeRejectedException e) {
            String raw = e.rawText().length() > MAX_RAW_TEXT_CHARS
                    ? e.rawText().substring(0, MAX_RAW_TEXT_CHARS) : e.rawText();
            responses.error(res, 422, "recipe_invalid", e.getMessage(),
                    "violations", e.violations().stream().map(RunRoutes.ViolationDto::of).toList(),
                    "raw_text", raw,
                    "attempts", e.attempts());
            return;
        } catch (PluginUpstreamException e) {
            upstreamFailed(res, e);
            return;
        }

        RunConfig config = recipe.config();
        if (!targets.allows(config.targetBaseUrl())) {
            targetNotAllowed(res, config.targetBaseUrl(), "generated");
            return;
        }
        JsonNode encoded;
        try {
            encoded = responses.json().parse(services.codec().encode(config));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the codec encoded a generated config as invalid JSON", e);
        }
        responses.send(res, 200, new RecipeGenerated(encoded, recipe.notes(), recipe.attempts()));
    }

    /** @return the request, or null with {@code violations} saying what is wrong */
    private static RecipeRequest parseRecipeRequest(JsonNode tree, List<RunRoutes.ViolationDto> violations) {
        if (!tree.isObject()) {
            violations.add(new RunRoutes.ViolationDto("", "must be a JSON object " + RECIPE_SHAPE));
            return null;
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RECIPE_FIELDS.contains(name)) {
                violations.add(new RunRoutes.ViolationDto("/" + pointerEscape(name),
                        "unknown field '" + clip(name) + "'; allowed: prompt, target_base_url, tags"));
            }
        }
        String prompt = null;
        JsonNode p = tree.get("prompt");
        if (p == null || p.isNull()) {
            violations.add(new RunRoutes.ViolationDto("/prompt", "is required: describe the traffic to generate"));
        } else if (!p.isTextual()) {
            violations.add(new RunRoutes.ViolationDto("/prompt", "must be a string"));
        } else if (p.asText().isBlank()) {
            violations.add(new RunRoutes.ViolationDto("/prompt", "must not be blank"));
        } else {
            int length = p.asText().codePointCount(0, p.asText().length());
            if (length > MAX_PROMPT_CHARS) {
                violations.add(new RunRoutes.ViolationDto("/prompt",
                        "must be at most " + MAX_PROMPT_CHARS + " characters, was " + length));
            } else {
                prompt = p.asText();
            }
        }
        String target = null;
        JsonNode t = tree.get("target_base_url");
        if (t != null && !t.isNull()) {
            if (t.isTextual()) {
                target = t.asText();
            } else {
                violations.add(new RunRoutes.ViolationDto("/target_base_url", "must be a string URL"));
            }
        }
        List<String> tags = tags(tree.get("tags"), violations);
        if (!violations.isEmpty()) {
            return null;
        }
        try {
            return new RecipeRequest(prompt, target, tags);
        } catch (ConfigException e) {
            violations.add(new RunRoutes.ViolationDto("/" + e.field(), e.reason()));
            return null;
        }
    }

    private static List<String> tags(JsonNode node, List<RunRoutes.ViolationDto> violations) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new RunRoutes.ViolationDto("/tags", "must be an array of strings"));
            return List.of();
        }
        if (node.size() > MAX_TAGS) {
            violations.add(new RunRoutes.ViolationDto("/tags", "must hold at most " + MAX_TAGS + " tags, held "
                    + node.size()));
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode tag = node.get(i);
            if (!tag.isTextual() || tag.asText().isBlank()) {
                violations.add(new RunRoutes.ViolationDto("/tags/" + i, "must be a non-empty string"));
            } else if (tag.asText().length() > MAX_TAG_CHARS) {
                violations.add(new RunRoutes.ViolationDto("/tags/" + i, "must be at most " + MAX_TAG_CHARS
                        + " characters"));
            } else {
                tags.add(tag.asText());
            }
        }
        return tags;
    }

    private void analysis(ServerRequest req, ServerResponse res) {
        String runId = req.path().pathParameters().get("runId");
        if (!Wire.isRunId(runId)) {
            responses.error(res, 400, "invalid_run_id", Wire.INVALID_RUN_ID);
            return;
        }
        runId = runId.toLowerCase(Locale.ROOT);
        if (services.history().find(runId).isEmpty()) {
            runNotFound(res);
            return;
        }
        try {
            services.analysis().requestAnalysis(runId);
        } catch (PluginUnavailableException e) {
            pluginUnavailable(res, e);
            return;
        } catch (NoSuchElementException e) {
            runNotFound(res);
            return;
        } catch (io.maid.goose.ports.in.AnalysisInputUnavailableException e) {
            responses.error(res, 409, "analysis_unavailable", e.getMessage(), "run_id", runId);
            return;
        } catch (IllegalStateException e) {
            responses.error(res, 409, "run_not_finished", "the run has not finished yet; request its analysis"
                    + " once it has ended", "run_id", runId);
            return;
        }
        responses.send(res, 202, new AnalysisAccepted(runId, new AnalysisStateOnly("pending")));
    }

    private void plugins(ServerRequest req, ServerResponse res) {
        List<PluginDto> plugins = services.plugins().plugins().stream().map(PluginDto::of).toList();
        responses.send(res, 200, new PluginList(plugins));
    }

    private void targetNotAllowed(ServerResponse res, URI target, String source) {
        String what = source.equals("generated") ? "the generated config targets host '" : "target host '";
        responses.error(res, 403, "target_not_allowed",
                what + target.getHost() + "' which is not in security.allowed_targets",
                "target", target.toString(), "source", source);
    }

    private void pluginUnavailable(ServerResponse res, PluginUnavailableException e) {
        responses.error(res, 503, "plugin_unavailable", e.getMessage(), "plugin", e.plugin());
    }

    private void upstreamFailed(ServerResponse res, PluginUpstreamException e) {
        LOG.log(System.Logger.Level.WARNING, "plugin upstream failed (" + e.kind() + "): " + e.getMessage());
        Integer status = e.upstreamStatus() == 0 ? null : e.upstreamStatus();
        String kind = e.kind().name().toLowerCase(Locale.ROOT);
        if (e.kind() == PluginUpstreamException.Kind.TIMEOUT) {
            responses.error(res, 504, "upstream_timeout", e.getMessage(), "kind", kind, "upstream_status", status);
        } else {
            responses.error(res, 502, "upstream_error", e.getMessage(), "kind", kind, "upstream_status", status);
        }
    }

    private void runNotFound(ServerResponse res) {
        responses.error(res, 404, "run_not_found", "no run with this run_id in history");
    }

    /** RFC 6901: {@code ~} and {@code /} are escaped in a pointer's tokens. */
    private static String pointerEscape(String name) {
        return clip(name).replace("~", "~0").replace("/", "~1");
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    record InvalidRequest(String error, String message, List<RunRoutes.ViolationDto> violations) {
    }

    record RecipeGenerated(JsonNode config, String notes, int attempts) {
    }

    record AnalysisAccepted(String runId, AnalysisStateOnly analysis) {
    }

    record AnalysisStateOnly(String state) {
    }

    record PluginList(List<PluginDto> plugins) {
    }

    record PluginDto(String name, String endpoint, String state, String lastError, List<String> models) {
        static PluginDto of(PluginHealth h) {
            return new PluginDto(h.name(), h.endpoint(), h.state().name().toLowerCase(Locale.ROOT), h.lastError(),
                    h.models());
        }
    }
}
