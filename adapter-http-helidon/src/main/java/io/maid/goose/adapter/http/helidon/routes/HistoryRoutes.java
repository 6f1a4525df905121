package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiJson;
import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.ApiServices;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.Wire;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunListing;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.domain.Scopes;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.threshold.Verdict;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /history} (paged, newest first) and {@code GET /history/{run_id}}, which also links the run's
 * report files and says where its AI analysis stands ({@code docs/api.md}, "History").
 *
 * <p>A page is built from history's columns; no config is decoded for it. A run whose stored config fails
 * today's rules (written before a rule was tightened) is listed with {@code config_outdated: true}, and its
 * detail shows the config as stored, with today's violations, instead of failing. Rates are shown to two
 * decimals, latencies to three (a microsecond).
 */
public final class HistoryRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final ApiServices services;
    private final ApiResponses responses;
    private final ScopeGuard guard;

    public HistoryRoutes(ApiServices services, ApiResponses responses, ScopeGuard guard) {
        this.services = services;
        this.responses = responses;
        this.guard = guard;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/history", guard.require(Scopes.READ, this::list));
        routes.get(base + "/history/{runId}", guard.require(Scopes.READ, this::one));
    }

    private void list(ServerRequest req, ServerResponse res) {
        int limit;
        int offset;
        Verdict verdict;
        try {
            limit = intParam(req, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            offset = intParam(req, "offset", 0, 0, Integer.MAX_VALUE);
            verdict = verdictParam(req);
        } catch (BadParameter e) {
            responses.error(res, 400, "invalid_parameter", e.getMessage(), "parameter", e.name);
            return;
        }
        List<HistoryEntry> runs = services.history().list(limit, offset, verdict).stream().map(HistoryRoutes::entry)
                .toList();
        responses.send(res, 200, new HistoryPage(runs, services.history().count(verdict), limit, offset,
                verdict == null ? null : verdict.wireName()));
    }

    private void one(ServerRequest req, ServerResponse res) {
        String runId = req.path().pathParameters().get("runId");
        if (!Wire.isRunId(runId)) {
            responses.error(res, 400, "invalid_run_id", Wire.INVALID_RUN_ID);
            return;
        }
        Optional<StoredRun> found = services.history().find(runId.toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            responses.error(res, 404, "run_not_found", "no run with this run_id in history");
            return;
        }
        responses.send(res, 200, detail(found.get()));
    }

    /** {@code verdict=passed|failed}, once; null when absent. */
    private static Verdict verdictParam(ServerRequest req) throws BadParameter {
        List<String> values = req.query().all("verdict", List::of);
        if (values.isEmpty()) {
            return null;
        }
        String rule = "verdict must be given once, as passed or failed";
        if (values.size() > 1) {
            throw new BadParameter("verdict", rule);
        }
        String v = values.get(0).trim();
        if (!v.equals("passed") && !v.equals("failed")) {
            throw new BadParameter("verdict", rule);
        }
        return Verdict.fromWire(v);
    }

    private static int intParam(ServerRequest req, String name, int dflt, int min, int max) throws BadParameter {
        List<String> values = req.query().all(name, List::of);
        if (values.isEmpty()) {
            return dflt;
        }
        String range = max == Integer.MAX_VALUE ? "an integer of at least " + min : "an integer from " + min + " to " + max;
        if (values.size() > 1) {
            throw new BadParameter(name, name + " must be given once, as " + range);
        }
        try {
            int v = Integer.parseInt(values.get(0).trim());
            if (v < min || v > max) {
                throw new BadParameter(name, name + " must be " + range);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadParameter(name, name + " must be " + range);
        }
    }

    private static HistoryEntry entry(RunListing r) {
        return new HistoryEntry(r.runId(), r.state().wireName(), r.phase().wireName(), Wire.time(r.startedAt()),
                Wire.time(r.endedAt()), r.users(), r.target(), Totals.of(r.totals()), r.reportFiles(),
                r.reportsState().wireName(), r.error(), r.configOutdated(), wire(r.verdict()));
    }

    private RunDetail detail(StoredRun stored) {
        RunRecord r = stored.record();
        RunConfig c = r.config();
        JsonNode config;
        Integer users;
        String target;
        if (c != null) {
            config = parse(services.codec().encode(c), r.runId());
            users = c.users();
            target = c.targetBaseUrl().toString();
        } else {
            config = storedConfig(stored.storedConfig());
            users = config.path("users").isInt() ? config.get("users").asInt() : null;
            target = config.path("target_base_url").isTextual() ? config.get("target_base_url").asText() : null;
        }
        Analysis a = r.analysis();
        List<ReportLink> reports = r.reportFiles().stream().filter(ReportRoutes::isServableName)
                .map(f -> new ReportLink(f, ReportRoutes.url(r.runId(), f))).toList();
        return new RunDetail(r.runId(), r.state().wireName(), r.phase().wireName(), Wire.time(r.startedAt()),
                Wire.time(r.endedAt()), users, target, Totals.of(r.totals()), r.reportFiles(), r.reportsState().wireName(),
                reports, r.error(),
                config, stored.configOutdated(), stored.configViolations().stream().map(RunRoutes.ViolationDto::of).toList(),
                new AnalysisView(r.analysisState().wireName(), r.analysisError(), a == null ? null : AnalysisDto.of(a)),
                wire(r.verdict()));
    }

    private static String wire(Verdict v) {
        return v == null ? null : v.wireName();
    }

    private JsonNode parse(String json, String runId) {
        try {
            return responses.json().parse(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the codec encoded run " + runId + " as invalid JSON", e);
        }
    }

    /** The stored text as JSON; text that is not JSON at all is shown as one string. */
    private JsonNode storedConfig(String text) {
        try {
            JsonNode tree = responses.json().parse(text);
            if (tree != null && !tree.isMissingNode()) {
                return tree;
            }
        } catch (JsonProcessingException e) {
            // not JSON: shown as text below
        }
        return TextNode.valueOf(text);
    }

    private static final class BadParameter extends Exception {
        private static final long serialVersionUID = 1L;
        private final String name;

        BadParameter(String name, String message) {
            super(message, null, false, false);
            this.name = name;
        }
    }

    /** {@code total} counts the runs of {@code verdict} when the page is filtered by it. */
    record HistoryPage(List<HistoryEntry> runs, long total, int limit, int offset, String verdict) {
    }

    /** {@code verdict}: passed or failed once the run has finished, null before (and for runs recorded before it). */
    record HistoryEntry(String runId, String status, String phase, String startedAt, String endedAt, Integer users,
                        String target, Totals totals, List<String> reportFiles, String reportsState, String error,
                        boolean configOutdated, String verdict) {
    }

    /** {@code config}: as today's codec writes it, or, when {@code config_outdated}, as stored. */
    record RunDetail(String runId, String status, String phase, String startedAt, String endedAt, Integer users,
                     String target, Totals totals, List<String> reportFiles, String reportsState, List<ReportLink> reports,
                     String error, JsonNode config, boolean configOutdated, List<RunRoutes.ViolationDto> configViolations,
                     AnalysisView analysis, String verdict) {
    }

    record ReportLink(String file, String url) {
    }

    /** {@code state}: none, pending, done or failed; {@code error} when failed; {@code result} when done. */
    record AnalysisView(String state, String error, AnalysisDto result) {
    }

    /** {@code p95_ms} is null for runs recorded before it was kept. */
    record Totals(long requests, long failures, Double rps, Double p95Ms, Double p99Ms) {
        static Totals of(RunTotals t) {
            return new Totals(t.requests(), t.failures(), ApiJson.rounded(t.rps(), 2), ApiJson.rounded(t.p95Ms(), 3),
                    ApiJson.rounded(t.p99Ms(), 3));
        }
    }

    record AnalysisDto(String summary, List<BottleneckDto> bottlenecks, List<String> recommendations) {
        static AnalysisDto of(Analysis a) {
            return new AnalysisDto(a.summary(), a.bottlenecks().stream().map(BottleneckDto::of).toList(),
                    a.recommendations());
        }
    }

    record BottleneckDto(String title, String evidence, String severity) {
        static BottleneckDto of(Bottleneck b) {
            return new BottleneckDto(b.title(), b.evidence(), b.severity());
        }
    }
}
