package io.maid.goose.adapter.config.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The run-config wire format: snake_case JSON, checked first against the draft-07 JSON Schema that
 * {@link #schema()} serves, then against the domain records' own rules.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #decode} and {@link #decodeRequest} never throw, whatever the input (null, empty, malformed,
 *       hostile). They answer {@link DecodeResult.Valid} or {@link DecodeResult.Invalid} with every violation
 *       found, each located by an RFC 6901 JSON pointer ({@code ""} for the document as a whole) and described
 *       for a human, naming the field and the allowed values or range.</li>
 *   <li>Malformed JSON, duplicate keys, trailing content and documents nested deeper than 100 levels give
 *       one violation at {@code ""}, with the line and column where the parser knows them. Otherwise all schema violations are reported together, in document order: a missing property
 *       is reported at its own pointer ({@code /users}), an unknown one too ({@code /scenarios/0/colour}). The load is either the
 *       shorthand ({@code users}, {@code hatch_rate} and {@code duration}, each required) or {@code load}; a
 *       shorthand field beside {@code load} is a violation at that field.
 *       Unknown properties are never dropped silently, except that {@code plugin_hints} keeps them. The
 *       message of an unknown property names the known sibling it most likely misspells ("did you mean
 *       `think_time_seconds`?"), and a service setting put into a run config ({@code max_history}) names
 *       the settings key it belongs under.</li>
 *   <li>Only when the schema passes are the domain records built; a rule only they enforce (such as unique
 *       scenario names) is reported at the offending field ({@code /scenarios/1/name}). Templates are parsed
 *       here, once; a template's error, and every variable that nothing can set, is reported at the field that
 *       holds it ({@code /scenarios/0/transactions/0/request/headers/0/value}). The columns of a CSV feeder are
 *       not known here: the caller checks them once it has loaded the file.</li>
 *   <li>{@link #encode} writes every default explicitly, pretty-printed in a stable order, and
 *       {@code decode(encode(c))} equals {@code c}. A config holding a Java check or extractor
 *       ({@code Check.Custom}, {@code Extractor.Custom}) has no JSON form: encode throws
 *       {@link IllegalArgumentException} naming the transaction. Plugin-hint extras are plain JSON values: numbers come
 *       back as Integer, Long or BigInteger when whole, else as Double when exact, else as BigDecimal.</li>
 * </ul>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class JacksonRunConfigCodec implements RunConfigCodec {
    private static final String SCHEMA_RESOURCE = "run-config.schema.json";
    private static final String ENVELOPE_PROPERTY = "config";
    /** Far deeper than any config needs, shallow enough that no hostile document can exhaust the stack. */
    private static final int MAX_NESTING_DEPTH = 100;

    private final ObjectMapper mapper;
    private final ObjectWriter prettyWriter;
    private final String schemaText;
    private final EveritSchemaCheck schemaCheck;
    private final RunConfigWriter writer = new RunConfigWriter();

    public JacksonRunConfigCodec() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                // Exact numbers: 1e400 must fail a range check rather than become Infinity on the way in.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        this.prettyWriter = mapper.writer(printer);
        this.schemaText = loadSchema();
        try {
            this.schemaCheck = new EveritSchemaCheck(schemaText, mapper.readTree(schemaText));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the bundled run-config schema is not valid JSON", e);
        }
    }

    @Override
    public DecodeResult decode(String json) {
        return guarded(() -> {
            ParsedDocument document = parse(json);
            if (document.failure() != null) {
                return document.failure();
            }
            return decodeConfig(document.root(), "");
        });
    }

    @Override
    public DecodeResult decodeRequest(String json) {
        return guarded(() -> {
            ParsedDocument document = parse(json);
            if (document.failure() != null) {
                return document.failure();
            }
            JsonNode body = document.root();
            if (!body.isObject()) {
                return invalid("", "the request body must be a JSON object {\"config\": {...}}");
            }
            List<ConfigViolation> violations = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (!field.getKey().equals(ENVELOPE_PROPERTY)) {
                    String pointer = Pointers.child("", field.getKey());
                    violations.add(new ConfigViolation(pointer, Pointers.label(pointer) + ": " + envelopeRule(field.getKey())));
                }
            }
            String configPointer = Pointers.child("", ENVELOPE_PROPERTY);
            JsonNode config = body.get(ENVELOPE_PROPERTY);
            if (config == null) {
                violations.add(new ConfigViolation(configPointer, "config: is required; it holds the run configuration"));
                return new DecodeResult.Invalid(Pointers.inDocumentOrder(violations, body, ""));
            }
            DecodeResult inner = decodeConfig(config, configPointer);
            if (violations.isEmpty()) {
                return inner;
            }
            if (inner instanceof DecodeResult.Invalid invalid) {
                violations.addAll(invalid.violations());
            }
            return new DecodeResult.Invalid(Pointers.inDocumentOrder(violations, body, ""));
        });
    }

    @Override
    public String encode(RunConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            return prettyWriter.writeValueAsString(writer.write(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run config could not be written as JSON", e);
        }
    }

    @Override
    public String schema() {
        return schemaText;
    }

    private static String envelopeRule(String property) {
        return PropertyAdvice.serviceSetting(property).map(PropertyAdvice::serviceSettingRule)
                .orElseGet(() -> "is not a known property; "
                        + (PropertyAdvice.closest(property, List.of(ENVELOPE_PROPERTY)).isPresent() ? "did you mean `config`? " : "")
                        + "the request body holds only 'config'");
    }

    private DecodeResult decodeConfig(JsonNode config, String pointer) {
        List<ConfigViolation> violations = new ArrayList<>(schemaCheck.check(config, pointer));
        violations.addAll(LoadReader.exclusive(config, pointer));
        if (!violations.isEmpty()) {
            return new DecodeResult.Invalid(Pointers.inDocumentOrder(violations, config, pointer));
        }
        DecodeResult result = RunConfigReader.read(config, pointer);
        if (result instanceof DecodeResult.Invalid invalid) {
            return new DecodeResult.Invalid(Pointers.inDocumentOrder(invalid.violations(), config, pointer));
        }
        return result;
    }

    private ParsedDocument parse(String json) {
        if (json == null) {
            return ParsedDocument.failed(invalid("", "no document was given; expected a JSON object"));
        }
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || root.isMissingNode()) {
                return ParsedDocument.failed(invalid("", "the document is empty; expected a JSON object"));
            }
            return new ParsedDocument(root, null);
        } catch (JsonProcessingException e) {
            return ParsedDocument.failed(invalid("", "invalid JSON" + where(e.getLocation()) + ": " + readable(e.getOriginalMessage())));
        }
    }

    /**
     * Jackson's message without the parts meant for a Java developer (feature flags to enable, bound types),
     * which would mislead someone who only sent a document.
     */
    private static String readable(String message) {
        return message
                .replaceAll("\\[Source: [^;]*; ", "[")
                .replaceAll(":? ?enable `[^`]*` to allow", "")
                .replaceAll(" \\(bound as `[^`]*`\\): not allowed as per `[^`]*`", "")
                .replaceAll(", from `[^`]*`\\)", ")");
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * The port promises that decoding never throws; should a library fail in a way not foreseen here, the
     * caller still gets an answer it can show instead of a stack trace.
     */
    private static DecodeResult guarded(Supplier<DecodeResult> decoding) {
        try {
            return decoding.get();
        } catch (RuntimeException e) {
            return invalid("", "the config could not be checked: the codec failed with " + e.getClass().getSimpleName());
        }
    }

    private static DecodeResult.Invalid invalid(String pointer, String message) {
        return new DecodeResult.Invalid(List.of(new ConfigViolation(pointer, message)));
    }

    private String loadSchema() {
        try (InputStream in = JacksonRunConfigCodec.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the run-config schema resource " + SCHEMA_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the run-config schema resource could not be read", e);
        }
    }

    private record ParsedDocument(JsonNode root, DecodeResult failure) {
        static ParsedDocument failed(DecodeResult failure) {
            return new ParsedDocument(null, failure);
        }
    }
}
