package io.maid.goose.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.ports.out.DecodeResult;
import io.maid.goose.ports.out.RunConfigCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a config file in either accepted shape: the API body {@code {"config": {...}}} or a bare config. */
public final class ConfigFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigFiles() {
    }

    public static DecodeResult load(Path file, RunConfigCodec codec) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "file not found: " + file)));
        } catch (IOException e) {
            return new DecodeResult.Invalid(List.of(new ConfigViolation("", "cannot read " + file + ": " + e.getMessage())));
        }
        return decode(text, codec);
    }

    public static DecodeResult decode(String text, RunConfigCodec codec) {
        return isEnvelope(text) ? codec.decodeRequest(text) : codec.decode(text);
    }

    private static boolean isEnvelope(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.has("config");
        } catch (IOException e) {
            return false; // let the codec report the syntax error with its position
        }
    }
}
