package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.maid.goose.domain.ConfigViolation;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaClient;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Validates a Jackson tree against the run-config JSON Schema with everit and turns every failure into a
 * {@link ConfigViolation} with an RFC 6901 pointer and a message that names the field and the rule.
 *
 * <p>everit reports a missing required property and an unknown property at the pointer of the enclosing
 * object, one exception per property but without a machine-readable property name. This class instead
 * compares the object with the violated schema and points at each missing or unknown property itself.
 * Likewise a {@code uniqueItems} failure points at the first repeated element rather than the array.
 */
final class EveritSchemaCheck {
    private static final int MAX_ECHOED_CHARS = 60;
    private static final Set<String> COMBINED = Set.of("oneOf", "anyOf");
    private static final Map<String, String> TYPE_NAMES = Map.of("string", "a string", "number", "a number",
            "integer", "an integer", "boolean", "a boolean", "object", "an object", "array", "an array", "null", "null");
    /**
     * Rules for {@code pattern} and {@code format} failures, by the schema's pattern, since a regex is no message
     * for a user; a rule ending in a comma is followed by the value.
     */
    private static final Map<String, String> PATTERN_RULES = Map.of(
            "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+(/[^\\s?#]*)?$",
            "must be an absolute http or https URL with a host and without query or fragment",
            "^/[^\\u0000-\\u0020\\u007F]*$", "must start with '/' and contain no spaces or control characters",
            "^[^\\r\\n]*$", "must not contain CR or LF",
            "^[A-Za-z_][A-Za-z0-9_-]*$", "must be a name of letters, digits, _ and -, starting with a letter or _,");

    private final Schema schema;
    private final JsonNode schemaTree;

    EveritSchemaCheck(String schemaText, JsonNode schemaTree) {
        this.schemaTree = schemaTree;
        // The schema only references itself; refusing remote fetches keeps validation offline and predictable.
        SchemaClient offline = url -> {
            throw new IllegalStateException("the run-config schema must not load remote schemas, asked for " + url);
        };
        this.schema = SchemaLoader.builder()
                .schemaJson(new JSONObject(schemaText))
                .draftV7Support()
                .schemaClient(offline)
                .build()
                .load()
                .build();
    }

    /** Every schema violation of {@code config}, with pointers below {@code prefix}; empty when it conforms. */
    List<ConfigViolation> check(JsonNode config, String prefix) {
        try {
            schema.validate(toOrgJson(config));
            return List.of();
        } catch (ValidationException failure) {
            List<ValidationException> leaves = new ArrayList<>();
            flatten(failure, leaves);
            Set<ConfigViolation> violations = new LinkedHashSet<>();
            for (ValidationException leaf : leaves) {
                translate(leaf, config, prefix, violations);
            }
            return new ArrayList<>(violations);
        }
    }

    /**
     * The failures to report. A value that fits none of a {@code oneOf}'s or {@code anyOf}'s branches (a think
     * time is a number or an object) is reported once: by the branches of its own JSON type when there are any
     * (so {@code -1} gets the number's range), else as one type violation naming every branch.
     */
    private static void flatten(ValidationException e, List<ValidationException> leaves) {
        if (e.getCausingExceptions().isEmpty()) {
            leaves.add(e);
            return;
        }
        List<ValidationException> causes = e.getCausingExceptions();
        if (e.getKeyword() != null && COMBINED.contains(e.getKeyword())) {
            List<ValidationException> ofItsType = causes.stream().filter(c -> !"type".equals(c.getKeyword())).toList();
            if (ofItsType.isEmpty()) {
                leaves.add(e);
                return;
            }
            causes = ofItsType;
        }
        for (ValidationException cause : causes) {
            flatten(cause, leaves);
        }
    }

    private void translate(ValidationException e, JsonNode config, String prefix, Set<ConfigViolation> out) {
        String relative = e.getPointerToViolation().startsWith("#") ? e.getPointerToViolation().substring(1) : "";
        String at = prefix + relative;
        JsonNode node = config.at(JsonPointer.compile(relative));
        Schema violated = e.getViolatedSchema();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        switch (keyword) {
            case "required" -> missing(at, node, (ObjectSchema) violated, out);
            case "additionalProperties" -> unknown(at, at.equals(prefix), node, (ObjectSchema) violated, e.getSchemaLocation(), out);
            case "type" -> add(out, at, "must be " + expected(violated) + ", was " + describe(node));
            case "oneOf", "anyOf" -> add(out, at, "must be " + joined(branches(e), "or") + ", was " + describe(node));
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                    add(out, at, "must be " + expected(violated) + ", was " + describe(node));
            case "enum" -> add(out, at, "must be one of " + choices((EnumSchema) violated) + ", was " + describe(node));
            case "pattern", "format" -> add(out, at, patternRule(String.valueOf(((StringSchema) violated).getPattern()), node));
            case "minItems" -> add(out, at, "must hold at least " + ((ArraySchema) violated).getMinItems()
                    + (((ArraySchema) violated).getMinItems() == 1 ? " item" : " items"));
            case "maxItems" -> add(out, at, "must hold at most " + ((ArraySchema) violated).getMaxItems() + " items");
            case "minProperties" -> add(out, at, "must not be empty");
            case "maxProperties" -> add(out, at, "must hold only one of "
                    + joined(new ArrayList<>(new TreeSet<>(((ObjectSchema) violated).getPropertySchemas().keySet())), "or")
                    + ", has " + node.size());
            case "uniqueItems" -> repeated(at, node, out);
            case "minLength" -> add(out, at, ((StringSchema) violated).getMinLength() == 1
                    ? "must not be empty" : "must be at least " + ((StringSchema) violated).getMinLength() + " characters long");
            case "maxLength" -> add(out, at, "must be at most " + ((StringSchema) violated).getMaxLength() + " characters long");
            default -> add(out, at, e.getErrorMessage());
        }
    }

    private static String patternRule(String pattern, JsonNode node) {
        String rule = PATTERN_RULES.get(pattern);
        if (rule == null) {
            return "must match the pattern " + pattern;
        }
        return rule.endsWith(",") ? rule + " was " + describe(node) : rule;
    }

    /**
     * What each branch of a failed oneOf or anyOf expects: for a list of types ({@code "type": ["string",
     * "number", "boolean"]}, which everit checks as an anyOf) in the schema's order, else in the branches' order.
     */
    private List<String> branches(ValidationException e) {
        JsonNode types = e.getSchemaLocation() == null || !e.getSchemaLocation().startsWith("#") ? null
                : schemaTree.at(JsonPointer.compile(e.getSchemaLocation().substring(1))).path("type");
        if (types != null && types.isArray()) {
            List<String> names = new ArrayList<>();
            types.forEach(type -> names.add(TYPE_NAMES.getOrDefault(type.textValue(), type.textValue())));
            return names;
        }
        return e.getCausingExceptions().stream().map(branch -> expected(branch.getViolatedSchema())).distinct().toList();
    }

    private static void missing(String at, JsonNode node, ObjectSchema schema, Set<ConfigViolation> out) {
        for (String property : schema.getRequiredProperties()) {
            if (!node.has(property)) {
                add(out, Pointers.child(at, property), "is required");
            }
        }
    }

    private void unknown(String at, boolean configRoot, JsonNode node, ObjectSchema schema, String schemaLocation,
                         Set<ConfigViolation> out) {
        List<String> allowed = declaredProperties(schema, schemaLocation);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String property = field.getKey();
            if (!schema.getPropertySchemas().containsKey(property)) {
                Optional<String> setting = configRoot ? PropertyAdvice.serviceSetting(property) : Optional.empty();
                add(out, Pointers.child(at, property), setting.map(PropertyAdvice::serviceSettingRule)
                        .orElseGet(() -> unknownRule(property, allowed)));
            }
        }
    }

    private static String unknownRule(String property, List<String> allowed) {
        String known = String.join(", ", allowed);
        return PropertyAdvice.closest(property, allowed)
                .map(guess -> "is not a known property; did you mean `" + guess + "`? Allowed here: " + known)
                .orElse("is not a known property; allowed here: " + known);
    }

    /** The property names in the order the schema file declares them, which is the order a form shows them. */
    private List<String> declaredProperties(ObjectSchema schema, String schemaLocation) {
        if (schemaLocation != null && schemaLocation.startsWith("#")) {
            JsonNode properties = schemaTree.at(JsonPointer.compile(schemaLocation.substring(1))).path("properties");
            if (properties.isObject()) {
                List<String> names = new ArrayList<>();
                properties.properties().forEach(property -> names.add(property.getKey()));
                return names;
            }
        }
        return new ArrayList<>(new TreeSet<>(schema.getPropertySchemas().keySet()));
    }

    private static void repeated(String at, JsonNode array, Set<ConfigViolation> out) {
        for (int i = 1; i < array.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (array.get(i).equals(array.get(j))) {
                    add(out, Pointers.child(at, i), "repeats " + describe(array.get(i)) + "; each value may appear once");
                    return;
                }
            }
        }
        add(out, at, "must not repeat a value");
    }

    private static void add(Set<ConfigViolation> out, String pointer, String rule) {
        out.add(new ConfigViolation(pointer, Pointers.label(pointer) + ": " + rule));
    }

    private static String expected(Schema schema) {
        if (schema instanceof NumberSchema number) {
            return (number.requiresInteger() ? "an integer" : "a number") + range(number);
        }
        if (schema instanceof StringSchema) {
            return "a string";
        }
        if (schema instanceof ObjectSchema object) {
            List<String> required = object.getRequiredProperties();
            return required.isEmpty() ? "an object" : "an object with " + joined(required, "and");
        }
        if (schema instanceof ArraySchema) {
            return "an array";
        }
        if (schema instanceof BooleanSchema) {
            return "true or false";
        }
        if (schema instanceof EnumSchema choice) {
            return "one of " + choices(choice);
        }
        return "of another type";
    }

    /** "a", "a or b", "a, b or c" (or "and"). */
    private static String joined(List<String> items, String conjunction) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " " + items.get(items.size() - 1);
    }

    private static String range(NumberSchema schema) {
        Number low = schema.getMinimum();
        Number above = schema.getExclusiveMinimumLimit();
        Number high = schema.getMaximum();
        Number below = schema.getExclusiveMaximumLimit();
        List<String> parts = new ArrayList<>();
        if (low != null && high != null) {
            return " from " + plain(low) + " to " + plain(high);
        }
        if (low != null) {
            parts.add("at least " + plain(low));
        }
        if (above != null) {
            parts.add("greater than " + plain(above));
        }
        if (high != null) {
            parts.add("at most " + plain(high));
        }
        if (below != null) {
            parts.add("less than " + plain(below));
        }
        return parts.isEmpty() ? "" : " " + String.join(" and ", parts);
    }

    private static String choices(EnumSchema schema) {
        return schema.getPossibleValuesAsList().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String plain(Number n) {
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }

    /** The offending value for the message: numbers and short strings as written, other values by their kind. */
    private static String describe(JsonNode node) {
        if (node.isNumber()) {
            return node.asText();
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String shown = text.length() > MAX_ECHOED_CHARS ? text.substring(0, MAX_ECHOED_CHARS) + "..." : text;
            return "\"" + shown + "\"";
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "missing";
    }

    /**
     * The Jackson tree as org.json values for everit. Numbers stay exact (BigInteger, BigDecimal) so that
     * 1e400 or 99999999999999999999 fail a range check instead of overflowing, and a number with a zero
     * fraction such as 2.0 counts as an integer, as draft-07 says it should.
     */
    static Object toOrgJson(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                JSONObject object = new JSONObject();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    object.put(field.getKey(), toOrgJson(field.getValue()));
                }
                yield object;
            }
            case ARRAY -> {
                JSONArray array = new JSONArray();
                for (JsonNode element : node) {
                    array.put(toOrgJson(element));
                }
                yield array;
            }
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> number(node);
            default -> JSONObject.NULL;
        };
    }

    private static Object number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.numberValue();
        }
        BigDecimal value = node.decimalValue();
        // A bound on the integer digits keeps 1e999999999 from being expanded into a huge BigInteger.
        boolean wholeAndModest = value.signum() == 0
                || (value.stripTrailingZeros().scale() <= 0 && value.precision() - value.scale() <= 20);
        if (wholeAndModest) {
            BigInteger whole = value.toBigIntegerExact();
            return whole.bitLength() < 64 ? (Object) whole.longValueExact() : whole;
        }
        return value;
    }
}
