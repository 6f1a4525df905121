package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.auth.AuthFilter;
import io.maid.goose.adapter.http.helidon.auth.Authenticator;
import io.maid.goose.adapter.http.helidon.auth.JwtVerifier;
import io.maid.goose.adapter.http.helidon.auth.PublicMetricsFilter;
import io.maid.goose.adapter.http.helidon.auth.ReportLinks;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;
import io.maid.goose.adapter.http.helidon.auth.SignedLinkFilter;
import io.maid.goose.adapter.http.helidon.dashboard.DashboardAssets;
import io.maid.goose.adapter.http.helidon.dashboard.DashboardFilter;
import io.maid.goose.adapter.http.helidon.dashboard.ExampleConfigs;
import io.maid.goose.adapter.http.helidon.routes.HistoryRoutes;
import io.maid.goose.adapter.http.helidon.routes.MetricsRoutes;
import io.maid.goose.adapter.http.helidon.routes.PluginRoutes;
import io.maid.goose.adapter.http.helidon.routes.ExampleRoutes;
import io.maid.goose.adapter.http.helidon.routes.ReportLinkRoutes;
import io.maid.goose.adapter.http.helidon.routes.ReportRoutes;
import io.maid.goose.adapter.http.helidon.routes.WhoAmIRoutes;
import io.maid.goose.adapter.http.helidon.routes.RunRoutes;
import io.maid.goose.adapter.http.helidon.stream.StreamEnvelopes;
import io.maid.goose.adapter.http.helidon.stream.StreamHub;
import io.maid.goose.adapter.http.helidon.stream.StreamRoutes;
import io.maid.goose.adapter.http.helidon.stream.StreamStats;
import io.maid.goose.domain.TargetAllowList;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The run service's HTTP API and WebSocket stream on Helidon SE, under {@value #BASE_PATH}, as
 * {@code docs/api.md} specifies them:
 * {@code GET /schema}, {@code POST /run}, {@code POST /stop}, {@code GET /status}, {@code GET /history},
 * {@code GET /history/{run_id}}, {@code GET /reports/{run_id}/{file}}, {@code POST /recipes},
 * {@code POST /history/{run_id}/analysis}, {@code GET /plugins}, {@code GET /whoami}, {@code GET /examples},
 * {@code POST /history/{run_id}/report-links} and the WebSocket {@code GET /stream}; {@code GET /metrics} for
 * Prometheus at the server's root, public only with {@code server.metrics.public}; the dashboard's files at
 * {@code /} and {@code /dashboard/}, which are public, and signed report links, which need no credential. Every
 * other request must authenticate (bearer JWT or {@code x-api-key}) and hold the endpoint's scope; privileged
 * operations (start, stop, recipe, analysis) also have a locally verified JWT confirmed by the credential
 * authority when one is configured, failing closed. Every answer except a report file is JSON, errors
 * included, and no answer ever carries a stack trace.
 *
 * <p>{@link #start} returns once the server listens; {@link #close} stops it and disconnects stream
 * clients (close code 1001). A connection whose request ends before it is complete costs one log line at
 * most, and past the first few only a periodic count ({@link DroppedConnections}). Thread-safe.
 */
public final class HelidonApiServer implements AutoCloseable {
    /** Where the API lives. */
    public static final String BASE_PATH = "/api/goose";
    /** The WebSocket of run events. */
    public static final String STREAM_PATH = BASE_PATH + "/stream";

    private static final int MAX_INBOUND_FRAME = 16 * 1024;
    private static final System.Logger LOG = System.getLogger(HelidonApiServer.class.getName());

    private final WebServer server;
    private final StreamHub hub;
    private final DroppedConnections dropped;
    private final List<String> routes;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HelidonApiServer(WebServer server, StreamHub hub, DroppedConnections dropped, List<String> routes,
                             String host) {
        this.server = server;
        this.hub = hub;
        this.dropped = dropped;
        this.routes = routes;
        this.host = host;
    }

    /**
     * Binds and starts the server; returns when it is listening.
     *
     * @throws IllegalStateException if the address cannot be bound
     * @throws IllegalArgumentException if the JWT settings hold an unusable key
     */
    public static HelidonApiServer start(ApiServerConfig config, ApiServices services) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(services, "services");
        if (!config.requireAuthentication()) {
            LOG.log(System.Logger.Level.WARNING, "*** AUTHENTICATION IS DISABLED (security.require_authentication"
                    + " = false): anyone who can reach " + config.host() + ":" + config.port()
                    + " can start load tests. Never run like this outside a development machine. ***");
        }
        DroppedConnections dropped = DroppedConnections.install();
        ApiJson json = new ApiJson();
        ApiResponses responses = new ApiResponses(json);
        JwtVerifier jwt = config.jwt() == null ? null : new JwtVerifier(config.jwt(), json, services.wallClock());
        Authenticator authenticator = new Authenticator(config.requireAuthentication(), jwt, services.apiKeys(),
                services.wallClock());
        ScopeGuard guard = new ScopeGuard(responses, services.privilegedIntrospector(), services.wallClock());
        AuthFilter filter = new AuthFilter(authenticator, new CorsPolicy(config.corsAllowedOrigins()), responses, guard,
                STREAM_PATH);
        StreamHub hub = new StreamHub(services.engine(), new StreamEnvelopes(json), config.streamQueueCapacity(),
                config.streamStallTimeout());

        WebServer server;
        List<String> routes = new ArrayList<>();
        try {
            server = build(config, services, responses, guard, filter, hub, json, routes).start();
            if (!server.isRunning()) {
                // Helidon logs a failed bind and returns instead of throwing
                server.stop();
                throw new IllegalStateException("the API could not listen on " + config.host() + ":" + config.port()
                        + " (port in use or address not available)");
            }
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "goose API listening on http://" + config.host() + ":" + server.port() + BASE_PATH
                + (services.privilegedIntrospector() != null && jwt != null
                ? "; privileged operations confirm bearer JWTs with the credential authority" : ""));
        return new HelidonApiServer(server, hub, dropped, List.copyOf(routes), config.host());
    }

    private static WebServer build(ApiServerConfig config, ApiServices services, ApiResponses responses, ScopeGuard guard,
                                   AuthFilter filter, StreamHub hub, ApiJson json, List<String> registered) {
        HttpRouting.Builder http = HttpRouting.builder();
        ReportLinks links = ReportLinks.create(config.reportLinkSecret(), services.wallClock());
        // the dashboard's files are public (they hold no data); signed report links stand in for a credential
        http.addFilter(new DashboardFilter(DashboardAssets.load()));
        http.addFilter(new SignedLinkFilter(links, responses, BASE_PATH));
        if (config.metricsPublic()) {
            http.addFilter(new PublicMetricsFilter(MetricsRoutes.PATH));
        }
        http.addFilter(filter);
        http.error(Throwable.class, (req, res, t) -> internalError(req, res, t, responses));
        RouteTable routes = new RouteTable(http, responses);
        WsRouting.Builder ws = WsRouting.builder();
        TargetAllowList targets = config.allowedTargets();
        new RunRoutes(services, responses, guard, targets).register(routes, BASE_PATH);
        new HistoryRoutes(services, responses, guard).register(routes, BASE_PATH);
        new ReportRoutes(services, responses, guard).register(routes, BASE_PATH);
        new PluginRoutes(services, responses, guard, targets).register(routes, BASE_PATH);
        new StreamRoutes(hub, responses, guard).register(routes, ws, STREAM_PATH);
        new WhoAmIRoutes(responses, guard, config.requireAuthentication()).register(routes, BASE_PATH);
        new ExampleRoutes(ExampleConfigs.load(), responses, guard).register(routes, BASE_PATH);
        new ReportLinkRoutes(services, links, responses, guard).register(routes, BASE_PATH);
        new MetricsRoutes(services.metrics(), responses, guard).register(routes);
        routes.installFallback();
        registered.addAll(routes.routes());

        return WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false)
                .directHandlers(d -> JsonDirectHandler.installInto(d, json))
                .addProtocol(WsConfig.builder()
                        // browsers on the CORS origins may open the stream; with none listed, only same-origin
                        .origins(config.corsAllowedOrigins().stream().filter(o -> !o.equals("*"))
                                .collect(Collectors.toSet()))
                        // clients only listen; a big inbound frame is abuse, not a message
                        .maxFrameLength(MAX_INBOUND_FRAME)
                        .build())
                .routing(http)
                .addRouting(ws)
                .build();
    }

    /** The dashboard's URL, e.g. {@code http://127.0.0.1:43121/dashboard/}. */
    public String dashboardUrl() {
        return baseUrl().substring(0, baseUrl().length() - BASE_PATH.length()) + DashboardAssets.PREFIX;
    }

    /**
     * Every route the API answers, as {@code METHOD path} with the full path ({@code GET /api/goose/status}); all
     * under {@value #BASE_PATH} but {@code GET /metrics}.
     */
    public List<String> routes() {
        return routes;
    }

    /** The port bound (the real one when configured with 0). */
    public int port() {
        return server.port();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:43121/api/goose}. */
    public String baseUrl() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + port() + BASE_PATH;
    }

    /** Who is connected to the stream, how full their queues are, and what was dropped. */
    public StreamStats streamStats() {
        return hub.stats();
    }

    /** Stops listening and disconnects stream clients. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hub.close();
            server.stop();
            dropped.flush();
        }
    }

    private static void internalError(ServerRequest req, ServerResponse res, Throwable t, ApiResponses responses) {
        if (res.isSent()) {
            LOG.log(System.Logger.Level.ERROR, "failure after the response was sent: " + req.prologue().method().text()
                    + " " + req.path().path(), t);
            return;
        }
        if (t instanceof HttpException he && he.status().code() < 500) {
            responses.error(res, he.status().code(), ApiResponses.codeFor(he.status().code()),
                    "the request could not be processed");
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "internal error on " + req.prologue().method().text() + " "
                + req.path().path(), t);
        res.headers().remove(HeaderNames.WWW_AUTHENTICATE);
        responses.send(res, 500, ApiResponses.APPLICATION_JSON,
                "{\"error\":\"internal_error\"}".getBytes(StandardCharsets.UTF_8));
    }
}
