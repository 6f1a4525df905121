package io.maid.goose.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * Which group of requests a {@link StatsRow} covers, with its parts kept apart so that nothing ever has to
 * parse a row's {@link #name()}.
 *
 * <ul>
 *   <li>{@link Kind#REQUEST}: one request key, {@code <METHOD> <scenario>/<transaction>}, e.g.
 *       {@code "GET shopper/page"}. The scenario is part of the key, so two scenarios that each have a
 *       transaction {@code page} (with different paths) are two rows, never one;</li>
 *   <li>{@link Kind#TRANSACTION}: {@code <scenario>/<transaction>}, e.g. {@code "shopper/page"};</li>
 *   <li>{@link Kind#SCENARIO}: the scenario's name;</li>
 *   <li>{@link Kind#TOTAL}: every request of the run, named {@value #TOTAL_NAME}.</li>
 * </ul>
 *
 * @param kind        the level of the group
 * @param scenario    the scenario's name; {@code null} only for the total
 * @param transaction the transaction's name; set for request and transaction keys only
 * @param method      the request method; set for request keys only
 */
public record StatsKey(Kind kind, String scenario, String transaction, HttpMethod method) {
    /** The name of the row over all requests (Goose's word for it). */
    public static final String TOTAL_NAME = "Aggregated";

    /** The level of a group, from one request key up to the whole run. */
    public enum Kind {
        REQUEST, TRANSACTION, SCENARIO, TOTAL;

        /** {@code request}, {@code transaction}, {@code scenario} or {@code total}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StatsKey {
        Objects.requireNonNull(kind, "kind");
        boolean needsScenario = kind != Kind.TOTAL;
        boolean needsTransaction = kind == Kind.REQUEST || kind == Kind.TRANSACTION;
        boolean needsMethod = kind == Kind.REQUEST;
        if (needsScenario != (scenario != null) || needsTransaction != (transaction != null)
                || needsMethod != (method != null)) {
            throw new IllegalArgumentException("a " + kind.wireName() + " key has " + (needsScenario ? "a" : "no")
                    + " scenario, " + (needsTransaction ? "a" : "no") + " transaction and " + (needsMethod ? "a" : "no")
                    + " method; got scenario=" + scenario + ", transaction=" + transaction + ", method=" + method);
        }
    }

    public static StatsKey request(HttpMethod method, String scenario, String transaction) {
        return new StatsKey(Kind.REQUEST, scenario, transaction, method);
    }

    public static StatsKey transaction(String scenario, String transaction) {
        return new StatsKey(Kind.TRANSACTION, scenario, transaction, null);
    }

    public static StatsKey scenario(String scenario) {
        return new StatsKey(Kind.SCENARIO, scenario, null, null);
    }

    public static StatsKey total() {
        return new StatsKey(Kind.TOTAL, null, null, null);
    }

    /** The row's display name, as described on the class. */
    public String name() {
        return switch (kind) {
            case REQUEST -> method.name() + " " + scenario + "/" + transaction;
            case TRANSACTION -> scenario + "/" + transaction;
            case SCENARIO -> scenario;
            case TOTAL -> TOTAL_NAME;
        };
    }
}
