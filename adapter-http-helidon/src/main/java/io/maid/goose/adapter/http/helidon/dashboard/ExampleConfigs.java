package io.maid.goose.adapter.http.helidon.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The repository's {@code examples/*.json}, bundled into this module at build time and read once: the
 * configs the dashboard's new-run form can start from. A file may be an API body ({@code {"config": ...}})
 * or a bare config; both are offered as the config object.
 */
public final class ExampleConfigs {
    static final String FOLDER = "io/maid/goose/adapter/http/helidon/dashboard/examples";

    /** One example: its file name without {@code .json}, and its config. */
    public record Example(String name, JsonNode config) {
    }

    private final List<Example> examples;

    private ExampleConfigs(List<Example> examples) {
        this.examples = List.copyOf(examples);
    }

    public static ExampleConfigs load() {
        ObjectMapper mapper = new ObjectMapper();
        List<Example> all = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : ClasspathFolder.read(ExampleConfigs.class.getClassLoader(), FOLDER).entrySet()) {
            if (!e.getKey().endsWith(".json") || e.getKey().contains("/")) {
                continue;
            }
            try {
                JsonNode body = mapper.readTree(e.getValue());
                JsonNode config = body.has("config") ? body.get("config") : body;
                all.add(new Example(e.getKey().substring(0, e.getKey().length() - ".json".length()), config));
            } catch (IOException ex) {
                throw new UncheckedIOException("the bundled example " + e.getKey() + " is not valid JSON", ex);
            }
        }
        return new ExampleConfigs(all);
    }

    public List<Example> all() {
        return examples;
    }
}
