package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.support.http.RequestPaths;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes {@link RequestSpec}s into HTTP/1.1 request bytes for one base URL: once per distinct reusable spec
 * ({@link #encode}), or for one send ({@link #encodeOnce}).
 *
 * <p>What goes on the wire: {@code METHOD target HTTP/1.1}, where the target is the base URL's path, the
 * spec's path (characters not allowed in a URI percent-encoded as UTF-8, so an already encoded path goes out
 * unchanged) and the query form-URL-encoded in order; then {@code Host} (unless configured), the configured
 * headers in order (values as UTF-8), and {@code Content-Length} when there is a body or the method is POST,
 * PUT or PATCH; then the body as UTF-8. Configured {@code Content-Length} and {@code Transfer-Encoding} headers
 * are dropped because the transport frames the body itself. Nothing else is added: no {@code Connection} (an
 * HTTP/1.1 connection persists unless a side says {@code close}, so {@code keep-alive} would only be one more
 * header for the target to parse on every request), no {@code User-Agent}, no {@code Accept-Encoding}.
 *
 * <p>Thread-safe: sessions on the same base URL share one encoder and its results.
 */
final class RequestEncoder {
    /** Beyond this many distinct specs, results are no longer kept (a config never has that many). */
    private static final int MAX_SHARED = 4096;

    private final Origin origin;
    private final String basePath;
    private final ConcurrentHashMap<RequestSpec, EncodedRequest> shared = new ConcurrentHashMap<>();

    RequestEncoder(URI baseUrl) {
        this.origin = Origin.of(baseUrl);
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    Origin origin() {
        return origin;
    }

    /** The bytes for {@code spec}, built on first use and shared with every session on this base URL. */
    EncodedRequest encode(RequestSpec spec) {
        EncodedRequest known = shared.get(spec);
        if (known != null) {
            return known;
        }
        EncodedRequest built = build(spec);
        if (shared.size() < MAX_SHARED) {
            EncodedRequest raced = shared.putIfAbsent(spec, built);
            return raced == null ? built : raced;
        }
        return built;
    }

    /** The bytes for {@code spec}, built for one send and not kept (a request rendered for that send alone). */
    EncodedRequest encodeOnce(RequestSpec spec) {
        return build(spec);
    }

    /** How many specs' bytes are shared (for tests of what the encoder keeps). */
    int sharedCount() {
        return shared.size();
    }

    private EncodedRequest build(RequestSpec spec) {
        StringBuilder target = new StringBuilder(basePath.length() + spec.path().length() + 32).append(basePath);
        RequestPaths.appendPath(target, spec.path());
        int queryMark = target.indexOf("?");
        String cookiePath = queryMark < 0 ? target.toString() : target.substring(0, queryMark);
        if (!spec.query().isEmpty()) {
            List<NameValuePair> pairs = new ArrayList<>(spec.query().size());
            for (NameValue parameter : spec.query()) {
                pairs.add(new BasicNameValuePair(parameter.name(), parameter.value()));
            }
            target.append(queryMark < 0 ? '?' : '&');
            WWWFormCodec.format(target, pairs, StandardCharsets.UTF_8);
        }
        byte[] body = spec.body() == null ? null : spec.body().getBytes(StandardCharsets.UTF_8);
        return build(spec.method().name(), origin.hostHeader(), target.toString(), cookiePath, spec.headers(), true, body);
    }

    /**
     * Encodes one request.
     *
     * @param keepConfiguredHost whether a configured {@code Host} header replaces {@code hostHeader} (not on a
     *                           redirect to another origin)
     * @param body               the body bytes, or null for none
     */
    static EncodedRequest build(String method, String hostHeader, String target, String cookiePath,
                                List<NameValue> headers, boolean keepConfiguredHost, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + target.length() + (body == null ? 0 : body.length));
        ascii(out, method);
        out.write(' ');
        ascii(out, target);
        ascii(out, " HTTP/1.1\r\n");
        boolean hostConfigured = false;
        boolean closeAfter = false;
        for (NameValue header : headers) {
            String name = header.name();
            if (name.equalsIgnoreCase("Host")) {
                hostConfigured |= keepConfiguredHost;
            } else if (name.equalsIgnoreCase("Connection")) {
                for (String token : header.value().split(",")) {
                    closeAfter |= token.strip().equalsIgnoreCase("close");
                }
            }
        }
        if (!hostConfigured) {
            ascii(out, "Host: ");
            ascii(out, hostHeader);
            ascii(out, "\r\n");
        }
        for (NameValue header : headers) {
            String name = header.name();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || (name.equalsIgnoreCase("Host") && !keepConfiguredHost)) {
                continue;
            }
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            ascii(out, ": ");
            out.writeBytes(header.value().getBytes(StandardCharsets.UTF_8));
            ascii(out, "\r\n");
        }
        if (body != null || expectsBody(method)) {
            ascii(out, "Content-Length: " + (body == null ? 0 : body.length) + "\r\n");
        }
        int headEnd = out.size();
        ascii(out, "\r\n");
        if (body != null) {
            out.writeBytes(body);
        }
        return new EncodedRequest(out.toByteArray(), headEnd, method, target, cookiePath, closeAfter);
    }

    /** Methods whose servers may insist on a length even for an empty body (nginx answers 411 otherwise). */
    private static boolean expectsBody(String method) {
        return method.equals(HttpMethod.POST.name()) || method.equals(HttpMethod.PUT.name())
                || method.equals(HttpMethod.PATCH.name());
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return "RequestEncoder[" + origin.url() + basePath + "]";
    }
}
