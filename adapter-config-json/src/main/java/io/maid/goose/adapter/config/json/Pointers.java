package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigViolation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** RFC 6901 JSON pointers: building them, naming the field they point at, and sorting by document position. */
final class Pointers {
    private Pointers() {
    }

    static String child(String parent, String property) {
        return parent + "/" + property.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /**
     * A short human name for the field a pointer designates: the last property name followed by any array
     * indices, e.g. {@code /scenarios/0/transactions/1/name} gives {@code name} and
     * {@code /request/expect_status/0} gives {@code expect_status[0]}. The root is {@code config}.
     */
    static String label(String pointer) {
        List<String> tokens = tokens(pointer);
        StringBuilder indices = new StringBuilder();
        for (int i = tokens.size() - 1; i >= 0; i--) {
            String token = tokens.get(i);
            if (isIndex(token)) {
                indices.insert(0, "[" + token + "]");
            } else {
                return token + indices;
            }
        }
        return "config" + indices;
    }

    /**
     * Sorts violations into the order their locations appear in the document, so that a user reads them top
     * to bottom. A pointer to a property that is absent (a missing required one) sorts with its parent.
     */
    static List<ConfigViolation> inDocumentOrder(List<ConfigViolation> violations, JsonNode root, String rootPointer) {
        if (violations.size() < 2) {
            return violations;
        }
        Map<String, Integer> ordinals = new HashMap<>();
        number(root, rootPointer, ordinals);
        List<ConfigViolation> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparingInt((ConfigViolation v) -> ordinal(v.pointer(), ordinals))
                .thenComparing(ConfigViolation::pointer));
        return sorted;
    }

    private static void number(JsonNode node, String pointer, Map<String, Integer> ordinals) {
        ordinals.put(pointer, ordinals.size());
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                number(field.getValue(), child(pointer, field.getKey()), ordinals);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                number(node.get(i), child(pointer, i), ordinals);
            }
        }
    }

    private static int ordinal(String pointer, Map<String, Integer> ordinals) {
        String p = pointer;
        while (true) {
            Integer ordinal = ordinals.get(p);
            if (ordinal != null) {
                return ordinal;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return Integer.MAX_VALUE;
            }
            p = p.substring(0, slash);
        }
    }

    private static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static boolean isIndex(String token) {
        if (token.isEmpty() || token.length() > 9) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
