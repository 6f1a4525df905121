package io.maid.goose.adapter.plugins.mistral;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with a hard deadline over the whole call, headers and body alike. The JDK client's
 * request timeout alone stops at the response headers, so a server that sends headers and then stalls
 * would hang the caller; waiting on the future with a deadline and cancelling it aborts the exchange.
 */
final class HttpCalls {
    /** Longest stretch of an upstream's own words that goes into a message. */
    static final int MAX_UPSTREAM_TEXT = 500;

    private HttpCalls() {
    }

    /** Why no response arrived. */
    enum FailureKind { TIMEOUT, UNREACHABLE }

    /** No response arrived; the message says why and never holds request headers. */
    static final class CallFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final FailureKind kind;

        CallFailure(FailureKind kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        FailureKind kind() {
            return kind;
        }
    }

    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // mistral.rs and maid-apikeys speak HTTP/1.1; skipping the h2c upgrade keeps the exchange plain.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request, Duration timeout) throws CallFailure {
        CompletableFuture<HttpResponse<String>> call =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new CallFailure(FailureKind.TIMEOUT, "no answer within " + millis(timeout), e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CallFailure(FailureKind.UNREACHABLE, "interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e.getCause());
            if (cause instanceof HttpTimeoutException) {
                throw new CallFailure(FailureKind.TIMEOUT, "no answer within " + millis(timeout)
                        + " (" + cause.getMessage() + ")", cause);
            }
            if (cause instanceof ConnectException) {
                throw new CallFailure(FailureKind.UNREACHABLE, "connection refused", cause);
            }
            if (cause instanceof IOException) {
                throw new CallFailure(FailureKind.UNREACHABLE, "connection failed or closed before an answer ("
                        + describe(cause) + ")", cause);
            }
            throw new CallFailure(FailureKind.UNREACHABLE, "request failed (" + describe(cause) + ")", cause);
        }
    }

    /** At most {@value #MAX_UPSTREAM_TEXT} characters of {@code text}, trimmed, marked when cut. */
    static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        String t = text.strip();
        return t.length() <= MAX_UPSTREAM_TEXT ? t : t.substring(0, MAX_UPSTREAM_TEXT) + "…";
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
