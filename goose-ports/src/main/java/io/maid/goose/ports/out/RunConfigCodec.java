package io.maid.goose.ports.out;

import io.maid.goose.domain.RunConfig;

/**
 * The one source of truth for the run-config wire format: snake_case JSON checked against a draft-07
 * JSON Schema, then against the domain's own rules. Used by the HTTP API, the CLI and the recipe plugin.
 */
public interface RunConfigCodec {
    /** Decodes a bare config object; violation pointers are relative to the document root. */
    DecodeResult decode(String json);

    /**
     * Decodes an API request body {@code {"config": {...}}}; violation pointers start with {@code /config}.
     * Any other top-level property is a violation.
     */
    DecodeResult decodeRequest(String json);

    /**
     * Encodes a config; {@code decode(encode(c))} equals {@code c}.
     *
     * @throws IllegalArgumentException when the config holds an embedder's Java check or extractor, which has no
     *                                  JSON form; the message says where
     */
    String encode(RunConfig config);

    /** The draft-07 JSON Schema of a bare config. */
    String schema();
}
