package io.maid.goose.domain.threshold;

import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.HttpMethod;
import io.maid.goose.domain.StatsKey;

import java.util.Locale;
import java.util.Objects;

/**
 * Which requests a threshold looks at, written as on the wire:
 * <ul>
 *   <li>{@code total}: every request of the run (the default);</li>
 *   <li>{@code transaction:<scenario>/<transaction>}: one transaction's requests, e.g. {@code transaction:shopper/checkout};</li>
 *   <li>{@code request:<METHOD> <scenario>/<transaction>}: one request key, e.g. {@code request:POST shopper/checkout}.</li>
 * </ul>
 * A scope names a group of the run's statistics by its {@link StatsKey#name() name}; whether that group exists
 * is the config's rule ({@link Thresholds#problems}), since only the config knows its transactions.
 *
 * @param kind   {@link StatsKey.Kind#TOTAL}, {@link StatsKey.Kind#TRANSACTION} or {@link StatsKey.Kind#REQUEST}
 * @param method the request method, for a request scope only
 * @param path   {@code <scenario>/<transaction>}, for a transaction or request scope; null for the total
 */
public record ThresholdScope(StatsKey.Kind kind, HttpMethod method, String path) {
    public static final ThresholdScope TOTAL = new ThresholdScope(StatsKey.Kind.TOTAL, null, null);
    private static final String TRANSACTION = "transaction:";
    private static final String REQUEST = "request:";
    private static final String FORMS = "total, transaction:<scenario>/<transaction> or request:<METHOD> <scenario>/<transaction>";

    public ThresholdScope {
        Objects.requireNonNull(kind, "kind");
        if (kind == StatsKey.Kind.SCENARIO) {
            throw new ConfigException("scope", "must be " + FORMS);
        }
        if ((kind == StatsKey.Kind.TOTAL) != (path == null) || (kind == StatsKey.Kind.REQUEST) != (method != null)) {
            throw new ConfigException("scope", "must be " + FORMS);
        }
        if (path != null && (path.indexOf('/') <= 0 || path.endsWith("/"))) {
            throw new ConfigException("scope", "must name <scenario>/<transaction>, was '" + path + "'");
        }
    }

    /**
     * The scope written as {@code text}.
     *
     * @throws ConfigException naming {@code scope} when it has none of the three forms
     */
    public static ThresholdScope parse(String text) {
        if (text == null || text.equals("total")) {
            return TOTAL;
        }
        if (text.startsWith(TRANSACTION)) {
            return new ThresholdScope(StatsKey.Kind.TRANSACTION, null, text.substring(TRANSACTION.length()));
        }
        if (text.startsWith(REQUEST)) {
            String rest = text.substring(REQUEST.length());
            int space = rest.indexOf(' ');
            if (space <= 0) {
                throw new ConfigException("scope", "must be request:<METHOD> <scenario>/<transaction>, was '" + text + "'");
            }
            String method = rest.substring(0, space);
            HttpMethod m;
            try {
                m = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("scope", "'" + method + "' is not an HTTP method (in '" + text + "')");
            }
            if (!m.name().equals(method)) {
                throw new ConfigException("scope", "write the method in capitals, as request keys are: request:"
                        + m.name() + rest.substring(space));
            }
            return new ThresholdScope(StatsKey.Kind.REQUEST, m, rest.substring(space + 1));
        }
        throw new ConfigException("scope", "must be " + FORMS + ", was '" + text + "'");
    }

    /** The wire form, as {@link #parse} reads it. */
    public String wireName() {
        return switch (kind) {
            case TOTAL -> "total";
            case TRANSACTION -> TRANSACTION + path;
            case REQUEST -> REQUEST + method.name() + " " + path;
            case SCENARIO -> throw new IllegalStateException("no scenario scope");
        };
    }

    /** The name of the statistics row this scope reads ({@link StatsKey#name()}). */
    public String rowName() {
        return switch (kind) {
            case TOTAL -> StatsKey.TOTAL_NAME;
            case TRANSACTION -> path;
            case REQUEST -> method.name() + " " + path;
            case SCENARIO -> throw new IllegalStateException("no scenario scope");
        };
    }
}
