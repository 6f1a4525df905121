package io.maid.goose.adapter.http.helidon.routes;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.ApiServices;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.Wire;
import io.maid.goose.adapter.http.helidon.auth.ReportLinks;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.maid.goose.domain.RunRecord;
import io.maid.goose.domain.StoredRun;
import io.maid.goose.domain.Scopes;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code POST /history/{run_id}/report-links[?ttl_seconds=N]}: signed links to a run's report files that
 * a browser can open without a credential, valid for {@code N} seconds (default 300, at most 600). Reading
 * the run's reports is all the link grants; minting one needs the read scope.
 */
public final class ReportLinkRoutes {
    private final ApiServices services;
    private final ReportLinks links;
    private final ApiResponses responses;
    private final ScopeGuard guard;

    public ReportLinkRoutes(ApiServices services, ReportLinks links, ApiResponses responses, ScopeGuard guard) {
        this.services = services;
        this.links = links;
        this.responses = responses;
        this.guard = guard;
    }

    public void register(RouteTable routes, String base) {
        routes.post(base + "/history/{runId}/report-links", guard.require(Scopes.READ, this::mint));
    }

    private void mint(ServerRequest req, ServerResponse res) {
        String runId = req.path().pathParameters().get("runId");
        if (!Wire.isRunId(runId)) {
            responses.error(res, 400, "invalid_run_id", Wire.INVALID_RUN_ID);
            return;
        }
        List<String> ttls = req.query().all("ttl_seconds", List::of);
        long max = ReportLinks.MAX_TTL.toSeconds();
        long ttl = ReportLinks.DEFAULT_TTL.toSeconds();
        if (!ttls.isEmpty()) {
            String v = ttls.size() == 1 ? ttls.get(0).trim() : "";
            if (!v.matches("[0-9]{1,4}") || Long.parseLong(v) < 1 || Long.parseLong(v) > max) {
                responses.error(res, 400, "invalid_parameter", "ttl_seconds must be given once, as an integer from 1 to "
                        + max, "parameter", "ttl_seconds");
                return;
            }
            ttl = Long.parseLong(v);
        }
        Optional<RunRecord> run = services.history().find(runId.toLowerCase(Locale.ROOT)).map(StoredRun::record);
        if (run.isEmpty()) {
            responses.error(res, 404, "run_not_found", "no run with this run_id in history");
            return;
        }
        String id = run.get().runId();
        ReportLinks.Signed signed = links.mint(id, Duration.ofSeconds(ttl));
        List<Link> files = run.get().reportFiles().stream().filter(ReportRoutes::isServableName)
                .map(f -> new Link(f, ReportRoutes.url(id, f) + "?" + signed.query())).toList();
        responses.send(res, 200, new Links(id, Wire.time(signed.expiresAt()), files));
    }

    record Links(String runId, String expiresAt, List<Link> links) {
    }

    record Link(String file, String url) {
    }
}
