package io.maid.goose.adapter.reports;

import io.maid.goose.domain.ErrorKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Stable orderings of the count maps, so that reports of the same run are byte-identical. */
final class ReportMaps {
    private ReportMaps() {
    }

    static <K extends Comparable<K>> Map<K, Long> sortedByKey(Map<K, Long> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }

    /** Error kinds in the enum's declared order, under their wire names. */
    static Map<String, Long> errorsByWireName(Map<ErrorKind, Long> errors) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ErrorKind kind : ErrorKind.values()) {
            Long n = errors == null ? null : errors.get(kind);
            if (n != null) {
                out.put(kind.wireName(), n);
            }
        }
        return out;
    }
}
