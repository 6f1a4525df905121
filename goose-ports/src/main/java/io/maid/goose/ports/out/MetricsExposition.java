package io.maid.goose.ports.out;

import java.util.Objects;

/**
 * The service's metrics as a scrape answer: what {@code GET /metrics} sends to Prometheus. The HTTP adapter
 * only authenticates and relays; whoever fills this role owns the metric names, their labels and the text
 * formats.
 *
 * <p>Contract: {@link #scrape} answers the OpenMetrics text format 1.0 when {@code accept} accepts
 * {@code application/openmetrics-text}, and the Prometheus text format 0.0.4 otherwise (also for a missing
 * or unparsable header), as Prometheus's own clients negotiate; never another format. Each call is one
 * consistent snapshot of the metrics at that moment. Thread-safe; it may be called while runs go on and never
 * slows them.
 */
public interface MetricsExposition {
    /**
     * @param accept the request's {@code Accept} header, or {@code null} when it sent none
     */
    Scrape scrape(String accept);

    /**
     * One scrape's answer.
     *
     * @param contentType the format's media type with its version and charset, e.g.
     *                    {@code application/openmetrics-text; version=1.0.0; charset=utf-8}
     * @param body        the exposition, UTF-8
     */
    record Scrape(String contentType, byte[] body) {
        public Scrape {
            Objects.requireNonNull(contentType, "contentType");
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }
}
