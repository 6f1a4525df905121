package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of a flow that only the whole config can check: every variable a template uses can be set,
 * every {@code feed} names a declared feeder, feeder names are unique. Each problem is a
 * {@link ConfigException} whose field is the path from the config root ({@code
 * scenarios/0/transactions/1/request/headers/0/value}), so a codec reports all of them with their pointers.
 *
 * <p>A variable can be set when an extractor of the same scenario sets it (in on_start, the iteration or
 * on_stop; the order is not checked, since an unset variable at run time only skips the request), or when it
 * is {@code feeder.column} of a feeder that some transaction of the scenario feeds from and that has the
 * column. The columns of a CSV feeder are known only once its file is loaded: until then any column of it
 * passes, and {@link #problems} checks them again after loading.
 */
public final class FlowRules {
    private FlowRules() {
    }

    /** Every problem found, in config order; empty when the flow is sound. */
    public static List<ConfigException> problems(List<Scenario> scenarios, List<DataFeeder> data) {
        List<ConfigException> problems = new ArrayList<>();
        Map<String, DataFeeder> feeders = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            if (feeders.putIfAbsent(data.get(i).name(), data.get(i)) != null) {
                problems.add(new ConfigException("data/" + i + "/name", "duplicate feeder name '" + data.get(i).name() + "'"));
            }
        }
        for (int s = 0; s < scenarios.size(); s++) {
            new ScenarioCheck(scenarios.get(s), "scenarios/" + s, feeders, problems).run();
        }
        return problems;
    }

    /** Throws the first problem, if any. */
    public static void require(List<Scenario> scenarios, List<DataFeeder> data) {
        List<ConfigException> found = problems(scenarios, data);
        if (!found.isEmpty()) {
            throw found.get(0);
        }
    }

    private record ScenarioCheck(Scenario scenario, String at, Map<String, DataFeeder> feeders,
                                 List<ConfigException> problems) {
        void run() {
            Set<String> extracted = new TreeSet<>();
            Set<String> fed = new TreeSet<>();
            each((t, tAt) -> {
                t.extract().forEach(e -> extracted.add(e.var()));
                if (t.feed() != null) {
                    if (feeders.containsKey(t.feed())) {
                        fed.add(t.feed());
                    } else {
                        problems.add(new ConfigException(tAt + "/feed", "names no feeder: '" + t.feed() + "'; declared: "
                                + (feeders.isEmpty() ? "none (add it to data)" : String.join(", ", new TreeSet<>(feeders.keySet())))));
                    }
                }
            });
            // what extractors set first (the names a typo most likely meant), then each fed feeder's columns in order
            Set<String> known = new LinkedHashSet<>(extracted);
            for (String f : fed) {
                FeedSource source = feeders.get(f).source();
                if (source instanceof FeedSource.Rows rows) {
                    rows.columns().forEach(c -> known.add(f + "." + c));
                } else {
                    known.add(f + ".*");
                }
            }
            each((t, tAt) -> templates(t, tAt).forEach((field, template) -> {
                for (String v : template.variables()) {
                    String why = unknown(v, extracted, fed);
                    if (why != null) {
                        problems.add(new ConfigException(field, why + "; known: "
                                + (known.isEmpty() ? "none (set it with extract, or feed a feeder)" : String.join(", ", known))));
                    }
                }
            }));
        }

        /** Why {@code v} can never be set, or null when it can. */
        private String unknown(String v, Set<String> extracted, Set<String> fed) {
            int dot = v.indexOf('.');
            if (dot < 0) {
                return extracted.contains(v) ? null : "variable '" + v + "' is never set";
            }
            String feeder = v.substring(0, dot);
            String column = v.substring(dot + 1);
            DataFeeder f = feeders.get(feeder);
            if (f == null) {
                return "variable '" + v + "' is never set: there is no feeder '" + feeder + "'";
            }
            if (!fed.contains(feeder)) {
                return "variable '" + v + "' is never set: no transaction of scenario '" + scenario.name()
                        + "' has \"feed\": \"" + feeder + "\"";
            }
            if (f.source() instanceof FeedSource.Rows rows && rows.columnIndex(column) < 0) {
                return "variable '" + v + "' is never set: feeder '" + feeder + "' has no column '" + column
                        + "' (its columns: " + String.join(", ", rows.columns()) + ")";
            }
            return null;
        }

        private void each(java.util.function.BiConsumer<Transaction, String> visit) {
            list(scenario.onStart(), at + "/on_start", visit);
            list(scenario.transactions(), at + "/transactions", visit);
            list(scenario.onStop(), at + "/on_stop", visit);
        }

        private static void list(List<Transaction> ts, String at, java.util.function.BiConsumer<Transaction, String> visit) {
            for (int i = 0; i < ts.size(); i++) {
                visit.accept(ts.get(i), at + "/" + i);
            }
        }
    }

    /** Every template of a transaction, keyed by its field path. */
    static Map<String, Template> templates(Transaction t, String at) {
        Map<String, Template> found = new java.util.LinkedHashMap<>();
        if (t.step() instanceof HttpStep h) {
            String r = at + "/request";
            found.put(r + "/path", h.path());
            for (int i = 0; i < h.query().size(); i++) {
                found.put(r + "/query/" + i + "/value", h.query().get(i).value());
            }
            for (int i = 0; i < h.headers().size(); i++) {
                found.put(r + "/headers/" + i + "/value", h.headers().get(i).value());
            }
            if (h.body() != null) {
                found.put(r + "/body", h.body());
            }
        }
        for (int i = 0; i < t.checks().size(); i++) {
            String c = at + "/checks/" + i;
            switch (t.checks().get(i)) {
                case Check.BodyContains b -> found.put(c + "/body_contains", b.text());
                case Check.Json j when j.expect() instanceof Expectation.Equals e -> found.put(c + "/equals", e.value());
                case Check.Header h when h.expect() instanceof Expectation.Equals e -> found.put(c + "/equals", e.value());
                default -> { }
            }
        }
        return found;
    }
}
