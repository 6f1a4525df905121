package io.maid.goose.domain.flow;

import io.maid.goose.domain.NameValue;

import java.util.List;

/**
 * A response as a check or an extractor sees it: the status, the headers and the captured body. The body
 * holds at most the run's {@code max_capture_bytes} ({@link #bodyTruncated()} says whether more arrived),
 * and is captured only for transactions whose checks or extractors read it.
 */
public interface ResponseView {
    /** The HTTP status, or 0 when no response arrived. */
    int status();

    /** All response headers in order, or empty when none were captured. */
    List<NameValue> headers();

    /** The first header of that name (case-insensitive), or null. */
    default String header(String name) {
        for (NameValue h : headers()) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The captured body as UTF-8 text (empty when nothing was captured). */
    String bodyText();

    /** Whether the body was longer than what was captured. */
    boolean bodyTruncated();

    /** The request's latency in milliseconds. */
    double latencyMs();
}
