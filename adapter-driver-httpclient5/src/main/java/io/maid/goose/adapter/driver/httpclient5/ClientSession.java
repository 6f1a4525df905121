package io.maid.goose.adapter.driver.httpclient5;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.TargetAllowList;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.RequestOutcome;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.ports.out.TransportSession;
import io.maid.goose.support.http.CapturedBody;
import io.maid.goose.support.http.FailureText;
import io.maid.goose.support.http.HeaderFields;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.cookie.CookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One virtual user: its own cookie store over the transport's shared pool. Used by one thread at a time;
 * {@link #close()} may come from any thread and cancels the request in flight, which makes HttpClient shut
 * the connection so a blocked read or write returns at once.
 *
 * <p>A request whose kept-alive connection closes after the request was written and before any byte of the
 * answer is sent once more, as the lean transports do: the closed attempt counts as a request failed with
 * {@link ErrorKind#CONNECTION_CLOSED} ({@link RequestOutcome#closedAttempts()}), the re-send as one of its own.
 *
 * <p>Capture ({@link SendOptions}): the response handler sees the final response, after the redirects
 * HttpClient followed; its header fields are copied in order, and its body — de-chunked by HttpCore, never
 * decompressed — up to the limit while the rest is still read and counted. A send that captures nothing
 * copies nothing. The session keeps nothing of a request once its send returned.
 */
final class ClientSession implements TransportSession {
    private final CloseableHttpClient http;
    private final RequestFactory requests;
    private final RequestConfig follow;
    private final RequestConfig noFollow;
    private final ScheduledExecutorService timer;
    private final long timeoutNanos;
    private final TargetAllowList allowed;
    private final long maxBodyBytes;
    private final String setupFailure;
    private final CookieStore cookies = new BasicCookieStore();
    private final byte[] drain = new byte[16 * 1024];
    private byte[] sample;
    private volatile HttpUriRequestBase inFlight;
    private volatile boolean closed;

    /** What the transport hands every session of one client. */
    record Setup(CloseableHttpClient http, RequestConfig follow, RequestConfig noFollow, ScheduledExecutorService timer,
                 long timeoutNanos) {
    }

    ClientSession(Setup setup, URI baseUrl, TargetAllowList allowed, long maxBodyBytes) {
        this.http = setup.http();
        this.requests = new RequestFactory(baseUrl);
        this.follow = setup.follow();
        this.noFollow = setup.noFollow();
        this.timer = setup.timer();
        this.timeoutNanos = setup.timeoutNanos();
        this.allowed = allowed;
        this.maxBodyBytes = maxBodyBytes;
        this.setupFailure = null;
    }

    /** A session that cannot send because its TLS settings could not be loaded; every send says why. */
    ClientSession(URI baseUrl, String setupFailure) {
        this.http = null;
        this.requests = new RequestFactory(baseUrl);
        this.follow = null;
        this.noFollow = null;
        this.timer = null;
        this.timeoutNanos = 0;
        this.allowed = TargetAllowList.anyHost();
        this.maxBodyBytes = 0;
        this.setupFailure = setupFailure;
    }

    @Override
    public RequestOutcome send(RequestSpec spec, SendOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed) {
            return RequestOutcome.failure(ErrorKind.ABANDONED, 0, 0, "the session was closed");
        }
        if (setupFailure != null) {
            return RequestOutcome.failure(ErrorKind.TLS_ERROR, 0, 0, setupFailure);
        }
        Attempt first = attempt(spec, options);
        if (!first.closedUnderUs()) {
            return first.outcome();
        }
        RequestOutcome again = attempt(spec, options).outcome();
        RequestOutcome closedOne = first.outcome();
        return new RequestOutcome(again.status(), again.error(), closedOne.bytesSent() + again.bytesSent(),
                closedOne.bytesReceived() + again.bytesReceived(), again.detail(), 1, again.response(),
                again.tlsHandshakeNanos());
    }

    /** One attempt's outcome, and whether its kept-alive connection closed under it before any answer. */
    private record Attempt(RequestOutcome outcome, boolean closedUnderUs) {
    }

    private Attempt attempt(RequestSpec spec, SendOptions options) {
        HttpUriRequestBase request;
        try {
            request = requests.create(spec);
        } catch (RuntimeException e) {
            return new Attempt(RequestOutcome.failure(ErrorKind.IO_ERROR, 0, 0,
                    "the request could not be built: " + e.getMessage()), false);
        }
        request.setConfig(spec.allowRedirects() ? follow : noFollow);
        WireCount wire = new WireCount();
        ResponseClock clock = new ResponseClock(timer, timeoutNanos, request);
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(cookies);
        context.setAttribute(WireCount.ATTRIBUTE, wire);
        context.setAttribute(ResponseClock.ATTRIBUTE, clock);
        context.setAttribute(AllowListRedirects.ATTRIBUTE, allowed);
        TimedTlsStrategy.Handshakes handshakes = new TimedTlsStrategy.Handshakes();
        context.setAttribute(TimedTlsStrategy.Handshakes.ATTRIBUTE, handshakes);

        inFlight = request;
        if (closed) {
            request.cancel(); // close() ran between the check above and publishing the request
        }
        try {
            Drained drained = http.execute(request, context, response -> drainFully(response, spec, request, options));
            return new Attempt(new RequestOutcome(drained.status(), null, wire.sent(), wire.received(), drained.detail(),
                    0, drained.captured(), handshakes.nanos()), false);
        } catch (IOException | RuntimeException e) {
            Attempt failed = failed(e, wire, clock);
            return new Attempt(failed.outcome().withTlsHandshake(handshakes.nanos()), failed.closedUnderUs());
        } finally {
            clock.stop();
            inFlight = null;
        }
    }

    private Attempt failed(Exception e, WireCount wire, ResponseClock clock) {
        if (closed) {
            return new Attempt(RequestOutcome.failure(ErrorKind.ABANDONED, wire.sent(), wire.received(),
                    Failures.describe(e)), false);
        }
        if (clock.expired()) {
            long millis = clock.timeoutMillis();
            return new Attempt(RequestOutcome.failure(ErrorKind.RESPONSE_TIMEOUT, wire.sent(), wire.received(),
                    FailureText.responseTimeout(wire.lastReceived() > 0, millis)), false);
        }
        RequestOutcome outcome = RequestOutcome.failure(Failures.classify(e, wire.received()), wire.sent(),
                wire.received(), Failures.detail(e));
        return new Attempt(outcome, wire.lastReused() && wire.lastReceived() == 0 && Failures.closedUnderUs(e));
    }

    /** What the response handler read of the final response. */
    private record Drained(int status, String detail, CapturedResponse captured) {
    }

    /**
     * Reads the body to its end, keeping the first bytes of one whose status the request does not count as
     * success (for its description) and what the send asked to capture.
     *
     * @throws BodyTooLargeException past the body limit (the request is cancelled first, so its connection is
     *                               shut rather than read to the end)
     */
    private Drained drainFully(ClassicHttpResponse response, RequestSpec spec, HttpUriRequestBase request,
                               SendOptions options) throws IOException {
        int status = response.getCode();
        boolean sampling = !spec.isSuccess(status);
        HttpEntity entity = response.getEntity();
        CapturedBody body = options.captureBodyBytes() > 0 && entity != null
                ? new CapturedBody(options.captureBodyBytes(), entity.getContentLength()) : null;
        int kept = 0;
        if (entity != null) {
            if (entity.getContentLength() > maxBodyBytes) {
                request.cancel();
                throw new BodyTooLargeException("the response announces a body of " + entity.getContentLength()
                        + " bytes, more than max_response_bytes (" + maxBodyBytes + ")");
            }
            long total = 0;
            try (InputStream in = entity.getContent()) {
                int n;
                while ((n = in.read(drain)) >= 0) {
                    total += n;
                    if (total > maxBodyBytes) {
                        request.cancel();
                        throw new BodyTooLargeException("the response body ran past max_response_bytes (" + maxBodyBytes + " bytes)");
                    }
                    if (body != null) {
                        body.add(drain, 0, n);
                    }
                    if (sampling && kept < FailureText.SAMPLE_BYTES) {
                        if (sample == null) {
                            sample = new byte[FailureText.SAMPLE_BYTES];
                        }
                        int take = Math.min(n, sample.length - kept);
                        System.arraycopy(drain, 0, sample, kept, take);
                        kept += take;
                    }
                }
            }
        }
        return new Drained(status, sampling ? FailureText.unexpectedStatus(status, sample, kept) : null,
                options.captures() ? captured(response, options, body) : null);
    }

    private static CapturedResponse captured(ClassicHttpResponse response, SendOptions options, CapturedBody body) {
        List<NameValue> headers = new ArrayList<>();
        if (options.captureHeaders()) {
            for (Header header : response.getHeaders()) {
                NameValue field = HeaderFields.captured(header.getName(), header.getValue());
                if (field != null) {
                    headers.add(field);
                }
            }
        }
        return body == null ? new CapturedResponse(headers, new byte[0], false)
                : new CapturedResponse(headers, body.bytes(), body.truncated());
    }

    @Override
    public void close() {
        closed = true;
        HttpUriRequestBase request = inFlight;
        if (request != null) {
            request.cancel();
        }
    }

    /** The body is larger than the session's limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }
}
