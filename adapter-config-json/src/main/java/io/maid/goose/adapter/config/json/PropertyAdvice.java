package io.maid.goose.adapter.config.json;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What to tell someone who wrote a property the schema does not know: where a service setting that was put
 * into a run config belongs, or which known sibling a misspelt name most likely meant.
 *
 * <p>Names are compared without regard to case, underscores and dashes, so {@code thinkTimeSeconds} and
 * {@code think-time-seconds} both mean {@code think_time_seconds}. The closest known name by Levenshtein
 * distance is suggested only when it is close: at most one edit for names of up to four letters, two for
 * up to ten, three beyond. Failing that, a name that is the start of exactly one known name (at least four
 * letters, such as {@code think_time}) suggests that name.
 */
final class PropertyAdvice {
    private static final int MIN_PREFIX_LENGTH = 4;
    /** Service settings that users put into a run config, with the settings key they belong under. */
    private static final Map<String, String> SERVICE_SETTINGS = Map.of("max_history", "persistence.max_history");

    private PropertyAdvice() {
    }

    /** The service settings key that {@code property} belongs under, when it is a service setting. */
    static Optional<String> serviceSetting(String property) {
        return Optional.ofNullable(SERVICE_SETTINGS.get(property));
    }

    /** The rule for a service setting written into a run config, naming where it belongs instead. */
    static String serviceSettingRule(String settingsKey) {
        String environment = "MAID__" + settingsKey.toUpperCase(Locale.ROOT).replace(".", "__");
        return "is a service setting, not part of a run config; set " + settingsKey
                + " in the service's config.json (or the environment variable " + environment + ")";
    }

    /** The known name that {@code property} is most likely a misspelling of, if any is close enough. */
    static Optional<String> closest(String property, List<String> known) {
        String typed = normalized(property);
        LevenshteinDistance distance = new LevenshteinDistance(limit(typed.length()));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance.apply(typed, normalized(candidate));
            if (d >= 0 && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null ? Optional.of(best) : uniqueExtension(typed, known);
    }

    private static Optional<String> uniqueExtension(String typed, List<String> known) {
        if (typed.length() < MIN_PREFIX_LENGTH) {
            return Optional.empty();
        }
        List<String> extensions = known.stream().filter(k -> normalized(k).startsWith(typed)).toList();
        return extensions.size() == 1 ? Optional.of(extensions.get(0)) : Optional.empty();
    }

    private static int limit(int length) {
        if (length <= 4) {
            return 1;
        }
        return length <= 10 ? 2 : 3;
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
