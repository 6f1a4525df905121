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
import io.maid.goose.domain.Analysis;
import io.maid.goose.domain.Bottleneck;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.RunTotals;
import io.maid.goose.domain.Scopes;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /history} (paged, newest first) and {@code GET /history/{run_id}}, which also links the run's
 * report files and says where its AI analysis stands.
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
        try {
            limit = intParam(req, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
            offset = intParam(req, "offset", 0, 0, Integer.MAX_VALUE);
        } catch (BadParameter e) {
            responses.error(res, 400, "invalid_parameter", e.getMessage(), "parameter", e.name);
            return;
        }
        List<HistoryEntry> runs = services.history().list(limit, offset).stream().map(HistoryRoutes::entry).toList();
        responses.send(res, 200, new HistoryPage(runs, services.history().count(), limit, offset));
    }

    private void one(ServerRequest req, ServerResponse res) {
        String runId = req.path().pathParameters().get("runId");
        if (!Wire.isRunId(runId)) {
            responses.error(res, 400, "invalid_run_id", Wire.INVALID_RUN_ID);
            return;
        }
        Optional<RunRecord> found = services.history().find(runId.toLowerCase(Locale.ROOT));
        if (found.isEmpty()) {
            responses.error(res, 404, "run_not_found", "no run with this run_id in history");
            return;
        }
        responses.send(res, 200, detail(found.get()));
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

    private static HistoryEntry entry(RunRecord r) {
        RunConfig c = r.config();
        return new HistoryEntry(r.runId(), r.state().wireName(), r.phase().wireName(), Wire.time(r.startedAt()),
                Wire.time(r.endedAt()), c == null ? null : c.users(), c == null ? null : c.targetBaseUrl().toString(),
                Totals.of(r.totals()), r.reportFiles(), r.error());
    }

    private RunDetail detail(RunRecord r) {
        RunConfig c = r.config();
        JsonNode config = null;
        if (c != null) {
            try {
                config = responses.json().parse(services.codec().encode(c));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("the codec encoded run " + r.runId() + " as invalid JSON", e);
            }
        }
        Analysis a = r.analysis();
        List<ReportLink> reports = r.reportFiles().stream().filter(ReportRoutes::isServableName)
                .map(f -> new ReportLink(f, ReportRoutes.url(r.runId(), f))).toList();
        return new RunDetail(r.runId(), r.state().wireName(), r.phase().wireName(), Wire.time(r.startedAt()),
                Wire.time(r.endedAt()), c == null ? null : c.users(), c == null ? null : c.targetBaseUrl().toString(),
                Totals.of(r.totals()), r.reportFiles(), reports, r.error(), config,
                new AnalysisView(r.analysisState().wireName(), r.analysisError(), a == null ? null : AnalysisDto.of(a)));
    }

    private static final class BadParameter extends Exception {
        private static final long serialVersionUID = 1L;
        private final String name;

        BadParameter(String name, String message) {
            super(message, null, false, false);
            this.name = name;
        }
    }

    record HistoryPage(List<HistoryEntry> runs, long total, int limit, int offset) {
    }

    record HistoryEntry(String runId, String status, String phase, String startedAt, String endedAt, Integer users,
                        String target, Totals totals, List<String> reportFiles, String error) {
    }

    record RunDetail(String runId, String status, String phase, String startedAt, String endedAt, Integer users,
                     String target, Totals totals, List<String> reportFiles, List<ReportLink> reports, String error,
                     JsonNode config, AnalysisView analysis) {
    }

    record ReportLink(String file, String url) {
    }

    /** {@code state}: none, pending, done or failed; {@code error} when failed; {@code result} when done. */
    record AnalysisView(String state, String error, AnalysisDto result) {
    }

    /** {@code p95_ms} is null for runs recorded before it was kept. */
    record Totals(long requests, long failures, Double rps, Double p95Ms, Double p99Ms) {
        static Totals of(RunTotals t) {
            return new Totals(t.requests(), t.failures(), ApiJson.finite(t.rps()), ApiJson.finite(t.p95Ms()),
                    ApiJson.finite(t.p99Ms()));
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
