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
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.EngineStatus;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.RunPhase;
import io.maid.goose.domain.RunState;
import io.maid.goose.domain.Scopes;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.in.RunAlreadyActiveException;
import io.maid.goose.ports.in.WorkersUnavailableException;
import io.maid.goose.ports.in.RunHandle;
import io.maid.goose.ports.in.StartRunCommand;
import io.maid.goose.ports.out.DecodeResult;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /schema}, {@code POST /run}, {@code POST /stop}, {@code GET /status}: the run lifecycle.
 */
public final class RunRoutes {
    private final ApiServices services;
    private final ApiResponses responses;
    private final ScopeGuard guard;
    private final TargetAllowList targets;

    public RunRoutes(ApiServices services, ApiResponses responses, ScopeGuard guard, TargetAllowList targets) {
        this.services = services;
        this.responses = responses;
        this.guard = guard;
        this.targets = targets;
    }

    public void register(RouteTable routes, String base) {
        routes.get(base + "/schema", guard.require(Scopes.READ, this::schema));
        routes.post(base + "/run", guard.requirePrivileged(Scopes.WRITE, this::run));
        routes.post(base + "/stop", guard.requirePrivileged(Scopes.WRITE, this::stop));
        routes.get(base + "/status", guard.require(Scopes.READ, this::status));
    }

    private void schema(ServerRequest req, ServerResponse res) {
        responses.send(res, 200, "application/schema+json", services.codec().schema().getBytes(StandardCharsets.UTF_8));
    }

    private void run(ServerRequest req, ServerResponse res) {
        RunBodyReader.Result read = RunBodyReader.read(req, "{\"config\": {...}}");
        if (read instanceof RunBodyReader.Problem p) {
            responses.error(res, p.status(), p.error(), p.message());
            return;
        }
        String body = ((RunBodyReader.Body) read).text();
        try {
            // parsed here first, with depth and size limits, so the codec only ever sees well-formed JSON
            JsonNode tree = responses.json().parse(body);
            if (tree == null || tree.isMissingNode()) {
                responses.error(res, 400, "malformed_json", "the request body holds no JSON; send {\"config\": {...}}");
                return;
            }
        } catch (JsonProcessingException e) {
            responses.error(res, 400, "malformed_json", ApiJson.describe(e));
            return;
        }
        DecodeResult decoded = services.codec().decodeRequest(body);
        if (decoded instanceof DecodeResult.Invalid invalid) {
            invalidConfig(res, invalid.violations());
            return;
        }
        RunConfig config = ((DecodeResult.Valid) decoded).config();
        if (!targets.allows(config.targetBaseUrl())) {
            responses.error(res, 403, "target_not_allowed",
                    "target host '" + config.targetBaseUrl().getHost() + "' is not in security.allowed_targets",
                    "target", config.targetBaseUrl().toString());
            return;
        }
        RunHandle handle;
        try {
            handle = services.engine().start(StartRunCommand.of(config));
        } catch (RunAlreadyActiveException e) {
            responses.error(res, 409, "run_active", "a run is already active; stop it first",
                    "run_id", e.activeRunId());
            return;
        } catch (WorkersUnavailableException e) {
            responses.error(res, 409, "workers_unavailable", e.getMessage(),
                    "requested", e.requested(), "available", e.available());
            return;
        } catch (InvalidRunConfigException e) {
            // what only the start can find (a feeder file), answered exactly as a decoding violation
            invalidConfig(res, e.violations().stream()
                    .map(v -> new ConfigViolation("/config" + v.pointer(), v.message())).toList());
            return;
        }
        EngineStatus now = services.engine().status();
        if (!handle.runId().equals(now.runId())) {
            // the engine has not published the new run yet; the port promises it starts in increase
            now = new EngineStatus(true, handle.runId(), RunPhase.INCREASE, handle.startedAt(), 0, 0, RunState.RUNNING, 0);
        }
        responses.send(res, 200, new RunStarted(handle.runId(), Wire.StartStatus.of(now)));
    }

    private void invalidConfig(ServerResponse res, List<ConfigViolation> violations) {
        responses.send(res, 400, new InvalidConfig("invalid_config", violations.size() + " problem(s) in the run config",
                violations.stream().map(ViolationDto::of).toList()));
    }

    private void stop(ServerRequest req, ServerResponse res) {
        EngineStatus before = services.engine().status();
        if (!services.engine().stop()) {
            responses.error(res, 409, "no_active_run", "there is no active run to stop");
            return;
        }
        responses.send(res, 202, new Stopping(before.runId(), true));
    }

    private void status(ServerRequest req, ServerResponse res) {
        responses.send(res, 200, new StatusBody(Wire.LiveStatus.of(services.engine().status())));
    }

    record RunStarted(String runId, Wire.StartStatus status) {
    }

    record Stopping(String runId, boolean stopping) {
    }

    record StatusBody(Wire.LiveStatus status) {
    }

    record InvalidConfig(String error, String message, List<ViolationDto> violations) {
    }

    record ViolationDto(String pointer, String message) {
        static ViolationDto of(ConfigViolation v) {
            return new ViolationDto(v.pointer(), v.message());
        }
    }
}
