package io.maid.goose.adapter.http.helidon.stream;

import io.maid.goose.adapter.http.helidon.ApiResponses;
import io.maid.goose.adapter.http.helidon.RouteTable;
import io.maid.goose.adapter.http.helidon.auth.AuthFilter;
import io.maid.goose.adapter.http.helidon.auth.ScopeGuard;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.maid.goose.domain.Scopes;

/**
 * {@code GET /stream}: the WebSocket of run events. The handshake is authenticated by {@link AuthFilter}
 * (headers, or the {@code access_token} query parameter for browsers) before the upgrade happens; a
 * plain GET without an upgrade is told to upgrade. Clients only listen; what they send is ignored.
 */
public final class StreamRoutes implements WsListener {
    private final StreamHub hub;
    private final ApiResponses responses;
    private final ScopeGuard guard;

    public StreamRoutes(StreamHub hub, ApiResponses responses, ScopeGuard guard) {
        this.hub = hub;
        this.responses = responses;
        this.guard = guard;
    }

    public void register(RouteTable routes, WsRouting.Builder ws, String path) {
        ws.endpoint(path, this);
        routes.get(path, guard.require(Scopes.READ, this::notUpgraded));
    }

    private void notUpgraded(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.UPGRADE, "websocket");
        responses.error(res, 426, "upgrade_required", "this endpoint is a WebSocket; connect with ws:// or wss://");
    }

    @Override
    public void onOpen(WsSession session) {
        hub.open(session);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        hub.remove(session);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        hub.remove(session);
    }
}
