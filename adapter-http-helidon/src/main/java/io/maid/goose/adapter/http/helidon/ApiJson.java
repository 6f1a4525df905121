package io.maid.goose.adapter.http.helidon;

import io.maid.goose.adapter.http.helidon.routes.RunBodyReader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;

/**
 * The API's JSON: snake_case DTO records out, strict and bounded parsing in. One mapper per server.
 */
public final class ApiJson {
    /** A run config is a few levels deep; anything much deeper is an attack on the parser. */
    static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper;

    ApiJson() {
        mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(400)
                .maxStringLength(RunBodyReader.MAX_BODY_BYTES)
                .build());
    }

    ObjectMapper mapper() {
        return mapper;
    }

    byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public String string(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses untrusted JSON; the exception says what is wrong without echoing the input at length. */
    public JsonNode parse(String json) throws JsonProcessingException {
        return mapper.readTree(json);
    }

    /** A short, client-safe description of a parse failure: the reason and where, never the source. */
    public static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        if (reason == null || reason.isBlank()) {
            reason = "not valid JSON";
        }
        reason = reason.replaceAll("[\\r\\n\\t]+", " ");
        if (reason.length() > 160) {
            reason = reason.substring(0, 160) + "...";
        }
        var loc = e.getLocation();
        return loc == null ? reason : reason + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /** {@code v} rounded half-up to {@code decimals} places, or null when it is not finite. */
    public static Double rounded(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return java.math.BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** A finite number, or null: NaN and infinities are not JSON. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
