package io.maid.goose.engine.metrics;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.StatsRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The run's distinct error messages: per slot and {@link ErrorKind}, the first
 * {@value StatsRow#MAX_ERROR_SAMPLES} distinct ones the aggregator drained from the users. Aggregator
 * thread only.
 *
 * <p>A message is the transport's detail with control characters replaced (a hostile body must not drive
 * a terminal) and cut to {@value #MAX_CHARS} characters; an {@code unexpected_status} without a detail
 * becomes {@code "HTTP <code>"}; any other failure without a detail has no message.
 */
public final class ErrorSampleSets {
    /** Longer messages are cut to this many characters, plus an ellipsis. */
    public static final int MAX_CHARS = 200;
    private static final ErrorKind[] KINDS = ErrorKind.values();

    private final List<String>[][] samples;

    @SuppressWarnings("unchecked")
    public ErrorSampleSets(int slots) {
        samples = new List[slots][KINDS.length];
    }

    /** Adds a drained sample of {@code slot} unless it is a duplicate or the set is full. */
    public void add(int slot, ErrorKind kind, String detail, int status) {
        List<String> set = samples[slot][kind.ordinal()];
        if (set != null && set.size() >= StatsRow.MAX_ERROR_SAMPLES) {
            return;
        }
        String message = message(kind, detail, status);
        if (message == null) {
            return;
        }
        if (set == null) {
            set = new ArrayList<>(StatsRow.MAX_ERROR_SAMPLES);
            samples[slot][kind.ordinal()] = set;
        }
        if (!set.contains(message)) {
            set.add(message);
        }
    }

    /**
     * The distinct messages of {@code slots} together, per kind: each slot's in order, slot after slot, at
     * most {@value StatsRow#MAX_ERROR_SAMPLES} per kind.
     */
    public Map<ErrorKind, List<String>> merged(List<Integer> slots) {
        Map<ErrorKind, List<String>> out = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : KINDS) {
            List<String> merged = new ArrayList<>();
            for (int slot : slots) {
                List<String> set = samples[slot][kind.ordinal()];
                if (set == null) {
                    continue;
                }
                for (String m : set) {
                    if (merged.size() < StatsRow.MAX_ERROR_SAMPLES && !merged.contains(m)) {
                        merged.add(m);
                    }
                }
            }
            if (!merged.isEmpty()) {
                out.put(kind, Collections.unmodifiableList(merged));
            }
        }
        return out;
    }

    static String message(ErrorKind kind, String detail, int status) {
        if (detail == null || detail.isBlank()) {
            return kind == ErrorKind.UNEXPECTED_STATUS && status > 0 ? "HTTP " + status : null;
        }
        String text = detail.strip();
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS + 1));
        for (int i = 0; i < text.length() && b.length() < MAX_CHARS; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (b.length() < text.length()) {
            if (Character.isHighSurrogate(b.charAt(b.length() - 1))) {
                b.setLength(b.length() - 1);
            }
            b.append('\u2026');
        }
        return b.toString();
    }
}
