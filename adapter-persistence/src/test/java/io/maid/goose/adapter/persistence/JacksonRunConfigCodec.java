package io.maid.goose.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.util.List;

/**
 * A test stand-in for the real codec (adapters may not depend on adapter-config-json): Jackson's default
 * record mapping, which round-trips a config exactly.
 */
final class JacksonRunConfigCodec implements RunConfigCodec {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public DecodeResult decode(String json) {
        try {
            return new DecodeResult.Valid(mapper.readValue(json, RunConfig.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", String.valueOf(e.getMessage()))));
        }
    }

    @Override
    public DecodeResult decodeRequest(String json) {
        try {
            JsonNode config = mapper.readTree(json).get("config");
            return config == null
                    ? new DecodeResult.Invalid(List.of(new ConfigViolation("/config", "is required")))
                    : decode(config.toString());
        } catch (JsonProcessingException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", e.getOriginalMessage())));
        }
    }

    @Override
    public String encode(RunConfig config) {
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String schema() {
        return "{\"type\":\"object\"}";
    }
}
