package io.maid.goose.adapter.http.helidon;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers the requests Helidon rejects before routing (unparseable request lines or headers, oversized
 * headers, ...) with the API's JSON error shape instead of plain text, and without the parser's detail.
 */
public final class JsonDirectHandler implements DirectHandler {
    private final ApiJson json;

    private JsonDirectHandler(ApiJson json) {
        this.json = json;
    }

    static void installInto(DirectHandlers.Builder builder, ApiJson json) {
        JsonDirectHandler handler = new JsonDirectHandler(json);
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String code = ApiResponses.codeFor(status.code());
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, ApiResponses.APPLICATION_JSON)
                .keepAlive(eventType.keepAlive())
                .entity(json.bytes(ApiResponses.errorBody(code, null)))
                .build();
    }
}
