package io.maid.goose.adapter.config.json;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.maid.goose.adapter.config.json.Documents.valid;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The example request bodies shipped in the repository's examples/ folder are valid configs. */
class ExampleFilesTest {
    private final JacksonRunConfigCodec codec = new JacksonRunConfigCodec();

    @Test
    void everyShippedExampleDecodes() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            examples = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(examples.isEmpty(), "no examples found in ../examples");
        for (Path example : examples) {
            try {
                valid(codec.decodeRequest(Files.readString(example)));
            } catch (AssertionError e) {
                throw new AssertionError(example + ": " + e.getMessage(), e);
            }
        }
    }
}
