package io.maid.goose.adapter.http.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON bodies and the API's error shape {@code {"error": code, ...}}. */
public final class ApiResponses {
    public static final String APPLICATION_JSON = "application/json";

    private final ApiJson json;

    ApiResponses(ApiJson json) {
        this.json = json;
    }

    public ApiJson json() {
        return json;
    }

    public void send(ServerResponse res, int status, Object body) {
        send(res, status, APPLICATION_JSON, json.bytes(body));
    }

    public void send(ServerResponse res, int status, String contentType, byte[] body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(body);
    }

    /** Sends {@code {"error": code, "message": message, ...extra}}; {@code message} may be null. */
    public void error(ServerResponse res, int status, String code, String message, Object... extra) {
        send(res, status, errorBody(code, message, extra));
    }

    /** The API's error code for a status the framework itself produced. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    static Map<String, Object> errorBody(String code, String message, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        if (message != null) {
            body.put("message", message);
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }
}
