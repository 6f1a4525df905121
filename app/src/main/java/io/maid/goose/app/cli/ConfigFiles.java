package io.maid.goose.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.maid.goose.app.Composition;
import io.maid.goose.app.flows.FeedFolder;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a config file in either accepted shape: the API body {@code {"config": {...}}} or a bare config. */
public final class ConfigFiles {
    private static final String ENVELOPE = "config";
    /**
     * Reads a document only to find its shape and to write overrides into it: duplicate keys are refused
     * (the codec reports them) and numbers stay exactly as written, so nothing changes on the way through.
     */
    private static final ObjectMapper EXACT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** A config file that could not be read at all; the message says why, for the user. */
    public static final class UnreadableFileException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private ConfigFiles() {
    }

    /** The text of {@code file}; a missing file is "file not found: PATH", anything else names the cause. */
    public static String read(Path file) throws UnreadableFileException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException("file not found: " + file, e);
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("cannot read " + file + ": it is not UTF-8 text", e);
        } catch (IOException e) {
            String cause = Files.isDirectory(file) ? "it is a directory" : IoProblems.describe(e);
            throw new UnreadableFileException("cannot read " + file + ": " + cause, e);
        }
    }

    public static DecodeResult decode(String text, RunConfigCodec codec) {
        return decode(text, codec, ConfigOverrides.none());
    }

    /**
     * Decodes {@code text} with {@code overrides} written into it first; violation pointers are those of
     * the document as it is shaped ({@code /config/users} in an API body, {@code /users} in a bare config).
     * A document that is not a JSON object is decoded as it is, so the codec says what is wrong with it.
     */
    public static DecodeResult decode(String text, RunConfigCodec codec, ConfigOverrides overrides) {
        JsonNode root = parse(text);
        boolean envelope = root != null && root.isObject() && root.has(ENVELOPE);
        JsonNode config = envelope ? root.get(ENVELOPE) : root;
        if (overrides.isEmpty() || !(config instanceof ObjectNode object)) {
            return envelope ? codec.decodeRequest(text) : codec.decode(text);
        }
        overrides.applyTo(object);
        String edited = root.toString();
        DecodeResult result = envelope ? codec.decodeRequest(edited) : codec.decode(edited);
        return overrides.attribute(result, envelope ? "/" + ENVELOPE : "");
    }

    /**
     * Decodes {@code text}, the content of {@code file}, with {@code overrides}, and loads its CSV feeders
     * relative to the file's folder, as {@code goose run} and {@code goose validate} do; a feeder's violation
     * carries the pointer it has in the document ({@code /config/data/0/csv} in an API body).
     */
    public static DecodeResult decodeRunnable(Path file, String text, RunConfigCodec codec, ConfigOverrides overrides) {
        DecodeResult decoded = decode(text, codec, overrides);
        if (!(decoded instanceof DecodeResult.Valid valid)) {
            return decoded;
        }
        return withFeeds(file, text, valid.config());
    }

    /**
     * {@code config}, decoded from {@code text} (the content of {@code file}), with its CSV feeders loaded relative
     * to the file's folder; a feeder's violation carries the pointer it has in the document.
     */
    public static DecodeResult withFeeds(Path file, String text, RunConfig config) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            return new DecodeResult.Valid(Composition.feedResolver(FeedFolder.relativeTo(folder)).resolve(config));
        } catch (InvalidRunConfigException e) {
            JsonNode root = parse(text);
            String prefix = root != null && root.isObject() && root.has(ENVELOPE) ? "/" + ENVELOPE : "";
            return new DecodeResult.Invalid(e.violations().stream()
                    .map(v -> new ConfigViolation(prefix + v.pointer(), v.message())).toList());
        }
    }

    private static JsonNode parse(String text) {
        try {
            return EXACT.readTree(text);
        } catch (IOException e) {
            return null; // the codec reports the syntax error with its position
        }
    }
}
