package io.maid.goose.testkit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.PluginHints;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.Scenario;
import io.maid.goose.domain.Transaction;
import io.maid.goose.domain.flow.Check;
import io.maid.goose.domain.flow.Extractor;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.Step;
import io.maid.goose.domain.threshold.Threshold;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A stand-in for the real run-config codec, for the tests of adapters, which may not depend on
 * {@code adapter-config-json}. It speaks the same snake_case wire format, field for field, by binding the
 * domain records with Jackson, so the records' own rules are what it validates.
 *
 * <p>The flow types whose wire form is not a record's own (a think time, a feeder, an extractor, a check) are
 * read and written by {@link FlowWireForms}; templates travel as their text and are parsed on the way in, and
 * the whole-flow rules are the domain's, run by {@code RunConfig}'s constructor (so only the first of them is
 * reported). A config holding a Java check or extractor is refused on encode, naming its transaction. The load
 * is the shorthand ({@code users}, {@code hatch_rate}, {@code duration}) or {@code load} ({@link LoadWireForm}),
 * never both: each shorthand field beside {@code load} is a violation. A threshold's wire form is
 * {@link ThresholdWireForm}'s.
 *
 * <p>It holds to the port's contract ({@link RunConfigCodecContract}) but is smaller than the real codec:
 * there is no JSON Schema behind it (its {@link #schema()} is a short draft-07 document), and its messages
 * are its own, without the field name in front ({@code must be between 1 and 100000, was 0}). It reports
 * every unknown property, then binds, takes out each value that fails and binds again, until the config
 * binds or a problem repeats; so it finds most problems of a document at once, but not always all.
 * Thread-safe.
 */
public final class FakeRunConfigCodec implements RunConfigCodec {
    /** The schema {@link #schema()} serves. */
    public static final String SCHEMA = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "title": "Goose run configuration (test codec)",
             "type": "object",
             "required": ["target_base_url", "scenarios"],
             "properties": {"target_base_url": {"type": "string"}, "users": {"type": "integer"},
              "hatch_rate": {"type": "number"}, "duration": {"type": "object"}, "load": {"type": "object"},
              "scenarios": {"type": "array"}}}""";
    private static final String ENVELOPE = "config";
    /** The shorthand's fields, which {@code load} replaces. */
    private static final List<String> SHORTHAND = List.of("users", "hatch_rate", "duration");
    /** Bounds the bind, take out, bind again loop; no config has this many independent problems worth listing. */
    private static final int MAX_PASSES = 32;

    private final ObjectMapper mapper = RecordWireForms.withMixIns(JsonMapper.builder())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .addModule(FlowWireForms.module())
            .addModule(ThresholdWireForm.module())
            .build();

    @Override
    public DecodeResult decode(String json) {
        JsonNode root = parse(json);
        return root == null ? notJson(json) : bind(root, "");
    }

    @Override
    public DecodeResult decodeRequest(String json) {
        JsonNode root = parse(json);
        if (root == null) {
            return notJson(json);
        }
        if (!root.isObject()) {
            return invalid("", "must be a JSON object {\"config\": {...}}");
        }
        List<ConfigViolation> found = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals(ENVELOPE)) {
                found.add(new ConfigViolation(pointer("", name), "is not a known property; the body holds only config"));
            }
        });
        DecodeResult inner = root.has(ENVELOPE) ? bind(root.get(ENVELOPE), "/" + ENVELOPE) : invalid("/" + ENVELOPE, "is required");
        if (found.isEmpty()) {
            return inner;
        }
        if (inner instanceof DecodeResult.Invalid invalid) {
            found.addAll(invalid.violations());
        }
        return new DecodeResult.Invalid(found);
    }

    @Override
    public String encode(RunConfig config) {
        Objects.requireNonNull(config, "config");
        refuseJavaFunctions(config);
        try {
            ObjectNode tree = mapper.valueToTree(config);
            if (config.isShorthand()) {
                tree.remove("load");
            } else {
                tree.remove(SHORTHAND);
            }
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the test codec could not write a config", e);
        }
    }

    /** A Java check or extractor has no JSON form; say which transaction holds it. */
    private static void refuseJavaFunctions(RunConfig config) {
        for (Scenario s : config.scenarios()) {
            for (Transaction t : s.allTransactions()) {
                String where = "transaction '" + t.name() + "' of scenario '" + s.name() + "'";
                t.checks().stream().filter(c -> c instanceof Check.Custom).findFirst().ifPresent(c -> {
                    throw new IllegalArgumentException("cannot encode: " + where + " has the Java check '" + c.label() + "'");
                });
                t.extract().stream().filter(e -> e instanceof Extractor.Custom).findFirst().ifPresent(e -> {
                    throw new IllegalArgumentException("cannot encode: " + where + " has the Java extractor '"
                            + ((Extractor.Custom) e).name() + "'");
                });
            }
        }
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    private JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode root = mapper.readTree(json);
            return root == null || root.isMissingNode() ? null : root;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private DecodeResult notJson(String json) {
        try {
            mapper.readTree(json == null ? "" : json);
            return invalid("", "not JSON: the document is empty");
        } catch (JsonProcessingException e) {
            return invalid("", "not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Binds the config; after each problem Jackson reports, the offending value is taken out of the document
     * and the binding is tried again, so that more than the first problem is found.
     */
    private DecodeResult bind(JsonNode config, String prefix) {
        if (!config.isObject()) {
            return invalid(prefix, "must be a JSON object");
        }
        ObjectNode document = config.deepCopy();
        withPrimitiveDefaults(document);
        Map<String, ConfigViolation> found = new LinkedHashMap<>();
        unknownProperties(document, mapper.constructType(RunConfig.class), prefix, found);
        if (document.has("load")) {
            for (String field : SHORTHAND) {
                if (document.has(field)) {
                    found.putIfAbsent(pointer(prefix, field), new ConfigViolation(pointer(prefix, field),
                            "cannot be used together with load"));
                    document.remove(field);
                }
            }
        }
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            try {
                RunConfig decoded = mapper.readerFor(RunConfig.class).readValue(document);
                return found.isEmpty() ? new DecodeResult.Valid(decoded) : new DecodeResult.Invalid(List.copyOf(found.values()));
            } catch (JsonMappingException e) {
                ConfigViolation problem = violation(e, prefix);
                if (found.putIfAbsent(problem.pointer(), problem) != null
                        || !takeOut(document, problem.pointer().substring(prefix.length()))) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                found.putIfAbsent(prefix, new ConfigViolation(prefix, "cannot be read: " + e.getMessage()));
                break;
            }
        }
        return new DecodeResult.Invalid(List.copyOf(found.values()));
    }

    /**
     * Every property that the domain records do not declare, found by walking the document along the record
     * types; plugin hints keep theirs as extras.
     */
    private void unknownProperties(JsonNode node, JavaType type, String at, Map<String, ConfigViolation> found) {
        if (type.isCollectionLikeType()) {
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                unknownProperties(node.get(i), type.getContentType(), at + "/" + i, found);
            }
            return;
        }
        if (type.hasRawClass(Step.class)) {
            type = mapper.constructType(HttpStep.class);
        }
        if (!node.isObject() || !type.isRecordType() || type.hasRawClass(PluginHints.class)
                || FlowWireForms.TYPES.contains(type.getRawClass()) || type.hasRawClass(Threshold.class)) {
            return;
        }
        Map<String, JavaType> declared = new HashMap<>();
        for (BeanPropertyDefinition property : mapper.getDeserializationConfig().introspect(type).findProperties()) {
            declared.put(property.getName(), property.getPrimaryType());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String pointer = pointer(at, field.getKey());
            JavaType declaredType = declared.get(field.getKey());
            if (declaredType == null) {
                found.putIfAbsent(pointer, new ConfigViolation(pointer, "is not a known property"));
            } else {
                unknownProperties(field.getValue(), declaredType, pointer, found);
            }
        }
    }

    /** Removes the property at {@code pointer} (an array element becomes null, so later indices stay put). */
    private static boolean takeOut(ObjectNode document, String pointer) {
        if (pointer.isEmpty()) {
            return false;
        }
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = document.at(at.head());
        if (parent instanceof ObjectNode object) {
            return object.remove(at.last().getMatchingProperty()) != null;
        }
        if (parent instanceof ArrayNode array && at.last().getMatchingIndex() >= 0 && at.last().getMatchingIndex() < array.size()
                && !array.get(at.last().getMatchingIndex()).isNull()) {
            array.setNull(at.last().getMatchingIndex());
            return true;
        }
        return false;
    }

    /**
     * Jackson binds an absent primitive as 0 or false; where the wire format's default differs, it is
     * written into the document first.
     */
    private static void withPrimitiveDefaults(ObjectNode config) {
        config.putIfAbsent("request_timeout_seconds", config.numberNode(RunConfig.DEFAULT_REQUEST_TIMEOUT_SECONDS));
        config.putIfAbsent("max_response_bytes", config.numberNode(RunConfig.DEFAULT_MAX_RESPONSE_BYTES));
        config.putIfAbsent("max_capture_bytes", config.numberNode(RunConfig.DEFAULT_MAX_CAPTURE_BYTES));
        for (JsonNode scenario : config.path("scenarios")) {
            if (scenario instanceof ObjectNode s) {
                s.putIfAbsent("weight", s.numberNode(1));
                for (String list : List.of("on_start", "transactions", "on_stop")) {
                    for (JsonNode transaction : s.path(list)) {
                        if (transaction instanceof ObjectNode t) {
                            t.putIfAbsent("weight", t.numberNode(1));
                        }
                    }
                }
            }
        }
        if (config.get("tls") instanceof ObjectNode tls) {
            tls.putIfAbsent("verify", tls.booleanNode(true));
        }
    }

    private static ConfigViolation violation(JsonMappingException e, String prefix) {
        String at = prefix + pathOf(e);
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ConfigException rule) {
            // A record names the field relative to itself; an enum's own value is the field.
            boolean enumValue = ((ValueInstantiationException) e).getType().isEnumType();
            return new ConfigViolation(enumValue || rule.field().isEmpty() ? at : at + "/" + rule.field(), rule.reason());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String was = e instanceof InvalidFormatException format ? ", was \"" + format.getValue() + "\"" : "";
            return new ConfigViolation(at, "must be " + kind(mismatch.getTargetType()) + was);
        }
        return new ConfigViolation(at, e.getOriginalMessage());
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder at = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            at.append(step.getFieldName() != null ? pointer("", step.getFieldName()) : "/" + step.getIndex());
        }
        return at.toString();
    }

    private static String kind(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == URI.class) {
            return "a URL";
        }
        return Collection.class.isAssignableFrom(type) ? "an array" : "an object";
    }

    private static String pointer(String parent, String property) {
        return parent + "/" + property.replace("~", "~0").replace("/", "~1");
    }

    private static DecodeResult.Invalid invalid(String pointer, String message) {
        return new DecodeResult.Invalid(List.of(new ConfigViolation(pointer, message)));
    }
}
