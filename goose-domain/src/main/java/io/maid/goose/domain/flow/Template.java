package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config string with {@code {{...}}} placeholders, parsed once when the config is decoded.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>{@code {{name}}} — a session variable: a name set by an extractor ({@code token}) or a feeder column
 *       ({@code accounts.username}: the feeder's name, a dot, the column). Letters, digits, {@code _} and
 *       {@code -}; a name starts with a letter or {@code _}.</li>
 *   <li>Built-ins: {@code {{$user}}} (the user's 0-based index), {@code {{$iteration}}} (0-based count of the
 *       user's completed iterations), {@code {{$uuid}}}, {@code {{$random_int(A,B)}}} (uniform, both ends
 *       included, {@code A <= B}), {@code {{$timestamp_ms}}} (wall time, ms since the epoch) and
 *       {@code {{$run_id}}}.</li>
 *   <li>White space inside the braces is ignored. Text without {@code {{} is literal; a lone {@code }}} is
 *       literal too. An unclosed {@code {{}, an empty placeholder or an unknown {@code $function} is a
 *       {@link ConfigException}.</li>
 * </ul>
 *
 * <h2>Rendering</h2>
 * {@link #renderTo} appends the rendered text and returns {@code null}, or returns the name of the first
 * variable the scope does not hold (and the caller must not send what it was rendering). Values of
 * variables and built-ins can pass through an escaper (for example percent-encoding for a path); literal
 * text never does. Rendering allocates nothing beyond what the output and the scope need.
 *
 * <p>Immutable and thread-safe; equal when parsed from equal text.
 */
public final class Template {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)?");
    private static final Pattern RANDOM_INT = Pattern.compile("\\$random_int\\(\\s*(-?\\d{1,18})\\s*,\\s*(-?\\d{1,18})\\s*\\)");
    private static final Template EMPTY = new Template("", List.of(new Part.Literal("")));

    private final String text;
    private final List<Part> parts;
    private final boolean constant;

    private Template(String text, List<Part> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.constant = this.parts.stream().allMatch(p -> p instanceof Part.Literal);
    }

    /** One piece of a template. */
    public sealed interface Part {
        /** Text sent as it is. */
        record Literal(String text) implements Part {
        }

        /** A session variable. */
        record Variable(String name) implements Part {
        }

        /** A built-in value. */
        record Builtin(BuiltinKind kind, long min, long max) implements Part {
        }
    }

    /** The built-in values. */
    public enum BuiltinKind {
        USER, ITERATION, UUID, RANDOM_INT, TIMESTAMP_MS, RUN_ID;

        /** The name as written after {@code $}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Parses {@code text}.
     *
     * @throws ConfigException (field {@code ""}) for an unclosed {@code {{}, an empty placeholder, a bad variable
     *                         name or an unknown function
     */
    public static Template parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Part.Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Part.Literal(text.substring(at, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new ConfigException("", "unclosed '{{' at character " + (open + 1) + " of '" + text
                        + "': close the placeholder with '}}'");
            }
            parts.add(placeholder(text.substring(open + 2, close).strip(), text));
            at = close + 2;
        }
        return new Template(text, merge(parts));
    }

    private static Part placeholder(String inner, String text) {
        if (inner.isEmpty()) {
            throw new ConfigException("", "empty placeholder '{{}}' in '" + text + "'");
        }
        if (inner.startsWith("$")) {
            Matcher random = RANDOM_INT.matcher(inner);
            if (random.matches()) {
                long min = Long.parseLong(random.group(1));
                long max = Long.parseLong(random.group(2));
                if (min > max) {
                    throw new ConfigException("", "$random_int(" + min + "," + max + ") needs A <= B");
                }
                return new Part.Builtin(BuiltinKind.RANDOM_INT, min, max);
            }
            for (BuiltinKind kind : BuiltinKind.values()) {
                if (kind != BuiltinKind.RANDOM_INT && inner.equals("$" + kind.wireName())) {
                    return new Part.Builtin(kind, 0, 0);
                }
            }
            throw new ConfigException("", "unknown function '{{" + inner + "}}'; known: $user, $iteration, $uuid, "
                    + "$random_int(A,B), $timestamp_ms, $run_id");
        }
        if (!VARIABLE.matcher(inner).matches()) {
            throw new ConfigException("", "'{{" + inner + "}}' is not a variable name (letters, digits, _ and -,"
                    + " optionally feeder.column) nor a $function");
        }
        return new Part.Variable(inner);
    }

    private static List<Part> merge(List<Part> parts) {
        List<Part> merged = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Part.Literal l && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof Part.Literal prev) {
                merged.set(merged.size() - 1, new Part.Literal(prev.text() + l.text()));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }

    /** The text as written in the config. */
    public String text() {
        return text;
    }

    public List<Part> parts() {
        return parts;
    }

    /** Whether the template holds no placeholder: it always renders to {@link #text()}. */
    public boolean isConstant() {
        return constant;
    }

    /** The names of the session variables it references, in order of first use (built-ins excluded). */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Part.Variable v) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** Whether it uses a built-in. */
    public boolean usesBuiltins() {
        return parts.stream().anyMatch(p -> p instanceof Part.Builtin);
    }

    /**
     * Appends the rendered text to {@code out}.
     *
     * @param escaper applied to each variable's and built-in's value (literal text is never escaped); may be null
     * @return null when rendered, else the name of the first variable {@code scope} does not hold (then
     *         {@code out} holds a partial rendering the caller must discard)
     */
    public String renderTo(StringBuilder out, TemplateScope scope, UnaryOperator<String> escaper) {
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            String value;
            if (p instanceof Part.Literal l) {
                out.append(l.text());
                continue;
            } else if (p instanceof Part.Variable v) {
                value = scope.variable(v.name());
                if (value == null) {
                    return v.name();
                }
            } else {
                value = builtin((Part.Builtin) p, scope);
            }
            out.append(escaper == null ? value : escaper.apply(value));
        }
        return null;
    }

    private static String builtin(Part.Builtin b, TemplateScope scope) {
        return switch (b.kind()) {
            case USER -> Long.toString(scope.userIndex());
            case ITERATION -> Long.toString(scope.iteration());
            case UUID -> scope.uuid();
            case RANDOM_INT -> Long.toString(scope.randomInt(b.min(), b.max()));
            case TIMESTAMP_MS -> Long.toString(scope.timestampMs());
            case RUN_ID -> scope.runId();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
