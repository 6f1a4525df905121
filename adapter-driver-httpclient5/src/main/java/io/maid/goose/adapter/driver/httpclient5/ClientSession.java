package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.TransportSession;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * One virtual user: its own cookie store over the transport's shared pool. Used by one thread at a time;
 * {@link #close()} may come from any thread and cancels the request in flight, which makes HttpClient shut
 * the connection so a blocked read or write returns at once.
 */
final class ClientSession implements TransportSession {
    private final CloseableHttpClient http;
    private final RequestFactory requests;
    private final RequestConfig follow;
    private final RequestConfig noFollow;
    private final String setupFailure;
    private final CookieStore cookies = new BasicCookieStore();
    private final byte[] drain = new byte[16 * 1024];
    private volatile HttpUriRequestBase inFlight;
    private volatile boolean closed;

    ClientSession(CloseableHttpClient http, URI baseUrl, RequestConfig follow, RequestConfig noFollow) {
        this.http = http;
        this.requests = new RequestFactory(baseUrl);
        this.follow = follow;
        this.noFollow = noFollow;
        this.setupFailure = null;
    }

    /** A session that cannot send because its TLS settings could not be loaded; every send says why. */
    ClientSession(URI baseUrl, String setupFailure) {
        this.http = null;
        this.requests = new RequestFactory(baseUrl);
        this.follow = null;
        this.noFollow = null;
        this.setupFailure = setupFailure;
    }

    @Override
    public RequestOutcome send(RequestSpec spec) {
        if (closed) {
            return RequestOutcome.failure(ErrorKind.ABANDONED, 0, 0, "the session was closed");
        }
        if (setupFailure != null) {
            return RequestOutcome.failure(ErrorKind.PROTOCOL_ERROR, 0, 0, setupFailure);
        }
        HttpUriRequestBase request;
        try {
            request = requests.create(spec);
        } catch (RuntimeException e) {
            return RequestOutcome.failure(ErrorKind.IO_ERROR, 0, 0, "the request could not be built: " + e.getMessage());
        }
        request.setConfig(spec.allowRedirects() ? follow : noFollow);
        WireCount wire = new WireCount();
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(cookies);
        context.setAttribute(WireCount.ATTRIBUTE, wire);

        inFlight = request;
        if (closed) {
            request.cancel(); // close() ran between the check above and publishing the request
        }
        try {
            int status = http.execute(request, context, response -> {
                drainFully(response.getEntity());
                return response.getCode();
            });
            return RequestOutcome.response(status, wire.sent(), wire.received());
        } catch (IOException | RuntimeException e) {
            ErrorKind kind = closed ? ErrorKind.ABANDONED : Failures.classify(e, wire.received());
            return RequestOutcome.failure(kind, wire.sent(), wire.received(), Failures.describe(e));
        } finally {
            inFlight = null;
        }
    }

    private void drainFully(HttpEntity entity) throws IOException {
        if (entity == null) {
            return;
        }
        try (InputStream in = entity.getContent()) {
            while (in.read(drain) >= 0) {
                // the body is measured, not kept
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        HttpUriRequestBase request = inFlight;
        if (request != null) {
            request.cancel();
        }
    }
}
