package io.maid.goose.engine.flow;

import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.flow.ResponseView;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.RequestOutcome;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One response as checks and extractors see it; the body is decoded to text once, when first asked. */
final class CapturedView implements ResponseView {
    private final int status;
    private final CapturedResponse captured;
    private final double latencyMs;
    private String text;

    CapturedView(RequestOutcome outcome, long latencyNanos) {
        this.status = outcome.status();
        this.captured = outcome.response() == null ? CapturedResponse.NONE : outcome.response();
        this.latencyMs = latencyNanos / 1e6;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public List<NameValue> headers() {
        return captured.headers();
    }

    @Override
    public String bodyText() {
        if (text == null) {
            text = new String(captured.body(), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The captured body bytes (owned by the outcome; not to be changed). */
    byte[] body() {
        return captured.body();
    }

    @Override
    public boolean bodyTruncated() {
        return captured.bodyTruncated();
    }

    @Override
    public double latencyMs() {
        return latencyMs;
    }

    /** The value of the last {@code Set-Cookie} header that sets {@code name}, or null. */
    String cookie(String name) {
        String found = null;
        for (NameValue h : captured.headers()) {
            if (!h.name().equalsIgnoreCase("Set-Cookie")) {
                continue;
            }
            String v = h.value();
            int end = v.indexOf(';');
            String pair = end < 0 ? v : v.substring(0, end);
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                found = unquote(pair.substring(eq + 1).strip());
            }
        }
        return found;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
