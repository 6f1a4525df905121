package io.maid.goose.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.TargetAllowList;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Loads {@link Settings}: built-in defaults, then {@code /etc/maid/config.json}, then {@code ./config.json},
 * then {@code ./config.runtime.json}, then {@code --config FILE}, then environment variables
 * {@code MAID__SECTION__KEY} (e.g. {@code MAID__SERVER__PORT=8080}, {@code MAID__SECURITY__JWT__ISSUER=x}).
 * Later sources override earlier ones key by key. Unknown keys are errors that name the key and the source.
 */
public final class SettingsLoader {
    static final String DEFAULTS_RESOURCE = "/io/maid/goose/app/settings/defaults.json";
    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The standard sources; {@code explicitFile} may be null. */
    public Settings load(Path explicitFile, Map<String, String> environment) {
        List<Path> files = new ArrayList<>(List.of(Path.of("/etc/maid/config.json"), Path.of("config.json"),
                Path.of("config.runtime.json")));
        if (explicitFile != null) {
            if (!Files.isRegularFile(explicitFile)) {
                throw new SettingsException("--config " + explicitFile + ": no such file");
            }
            files.add(explicitFile);
        }
        return load(files, environment);
    }

    /** Defaults, then each existing file in order, then the environment. */
    public Settings load(List<Path> files, Map<String, String> environment) {
        ObjectNode merged = defaults();
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                JsonNode tree = readFile(f);
                check(tree, f.toString());
                merge(merged, (ObjectNode) tree);
            }
        }
        ObjectNode env = fromEnvironment(environment);
        check(env, "environment (MAID__...)");
        merge(merged, env);
        Settings s = convert(merged, "merged settings");
        validate(s);
        return s;
    }

    private ObjectNode defaults() {
        try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("built-in settings defaults are missing from the jar", e);
        }
    }

    private JsonNode readFile(Path f) {
        try {
            JsonNode tree = mapper.readTree(Files.readString(f));
            if (tree == null || !tree.isObject()) {
                throw new SettingsException(f + ": must hold a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new SettingsException(f + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SettingsException(f + ": cannot read: " + e.getMessage());
        }
    }

    private void check(JsonNode tree, String source) {
        convert(tree, source);
    }

    private Settings convert(JsonNode tree, String source) {
        try {
            return mapper.treeToValue(tree, Settings.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SettingsException(source + ": unknown setting '" + path(e) + "'; known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw new SettingsException(source + ": setting '" + path(e) + "' has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new SettingsException(source + ": " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** {@code MAID__SECTION__KEY[__SUBKEY]=value}; values are JSON when they parse as JSON, else strings. */
    ObjectNode fromEnvironment(Map<String, String> environment) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            if (!e.getKey().startsWith("MAID__")) {
                continue;
            }
            String[] parts = e.getKey().substring("MAID__".length()).toLowerCase(Locale.ROOT).split("__");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
            }
            node.set(parts[parts.length - 1], scalar(e.getValue()));
        }
        return root;
    }

    private JsonNode scalar(String value) {
        try {
            JsonNode n = mapper.readTree(value);
            return n == null || n.isMissingNode() ? JsonNodeFactory.instance.textNode(value) : n;
        } catch (JsonProcessingException notJson) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = into.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode n && !e.getKey().equals("jwks")) {
                merge(o, n);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    /** An empty list would refuse every run, which nobody means: say how to write what they mean instead. */
    private static void validateTargets(List<String> targets) {
        if (targets == null) {
            return;
        }
        if (targets.isEmpty()) {
            throw new SettingsException("security.allowed_targets is empty, so no run could target any host: list the hosts"
                    + " runs may target (e.g. [\"127.0.0.1\", \"*.staging.example\"]), or [\"*\"] to allow any host,"
                    + " or leave the key out for loopback only");
        }
        try {
            TargetAllowList.of(targets);
        } catch (ConfigException e) {
            throw new SettingsException("security.allowed_targets[" + e.field() + "]: " + e.reason());
        }
    }

    private static void validate(Settings s) {
        Settings.Server server = s.server();
        if (server.port() == null || server.port() < 0 || server.port() > 65535) {
            throw new SettingsException("server.port must be 0..65535, was " + server.port());
        }
        if (server.host() == null || server.host().isBlank()) {
            throw new SettingsException("server.host must be a host name or address");
        }
        if (!"/api/goose/stream".equals(server.websocketPath())) {
            throw new SettingsException("server.websocket_path is fixed at /api/goose/stream by the API contract, was "
                    + server.websocketPath());
        }
        for (String origin : server.cors().allowedOrigins()) {
            URI u;
            try {
                u = URI.create(origin);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("server.cors.allowed_origins: '" + origin + "' is not a URL origin");
            }
            if (u.getScheme() == null || u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty())) {
                throw new SettingsException("server.cors.allowed_origins: '" + origin
                        + "' must be an origin like https://dashboard.example:8443 (scheme, host, optional port, no path)");
            }
        }
        Settings.Metrics metrics = server.metrics();
        if (metrics.publicAccess() == null) {
            throw new SettingsException("server.metrics.public must be true or false");
        }
        if (metrics.maxTransactions() == null || metrics.maxTransactions() < 1
                || metrics.maxTransactions() > Settings.Metrics.MAX_TRANSACTIONS) {
            throw new SettingsException("server.metrics.max_transactions must be between 1 and "
                    + Settings.Metrics.MAX_TRANSACTIONS + " (transactions past it are shown as other), was "
                    + metrics.maxTransactions());
        }
        Settings.Persistence p = s.persistence();
        if (p.maxHistory() == null || p.maxHistory() < 1) {
            throw new SettingsException("persistence.max_history must be at least 1, was " + p.maxHistory());
        }
        for (String key : new String[] {p.databasePath(), p.reportDir(), p.dataDir()}) {
            if (key == null || key.isBlank()) {
                throw new SettingsException("persistence.database_path, report_dir and data_dir must be paths");
            }
        }
        Settings.Jwt jwt = s.security().jwt();
        if (jwt != null) {
            int sources = (jwt.jwks() != null ? 1 : 0) + (jwt.jwksFile() != null ? 1 : 0) + (jwt.hs256Secret() != null ? 1 : 0);
            if (sources == 0) {
                throw new SettingsException("security.jwt needs one of jwks, jwks_file or hs256_secret");
            }
            if (jwt.hs256Secret() != null && jwt.hs256Secret().length() < 32) {
                throw new SettingsException("security.jwt.hs256_secret must be at least 32 characters (256 bits)");
            }
        }
        validateTargets(s.security().allowedTargets());
        for (Settings.ApiKey k : s.security().apiKeys()) {
            if (k.sha256() == null || !k.sha256().matches("[0-9a-f]{64}")) {
                throw new SettingsException("security.api_keys: '" + k.subject()
                        + "' needs sha256 = the lowercase hex SHA-256 of the key (64 hex digits); keys are never stored in clear");
            }
        }
        String transport = s.engine().transport();
        if (!Settings.Engine.TRANSPORTS.contains(transport)) {
            throw new SettingsException("engine.transport must be one of " + String.join(", ", Settings.Engine.TRANSPORTS)
                    + ", was " + transport);
        }
        if (!Settings.Engine.TLS_PROVIDERS.contains(s.engine().tlsProvider())) {
            throw new SettingsException("engine.tls_provider must be one of " + String.join(", ", Settings.Engine.TLS_PROVIDERS)
                    + ", was " + s.engine().tlsProvider());
        }
        Integer loops = s.engine().eventLoops();
        if (loops != null && (loops < 1 || loops > Settings.Engine.MAX_EVENT_LOOPS)) {
            throw new SettingsException("engine.event_loops must be between 1 and " + Settings.Engine.MAX_EVENT_LOOPS
                    + " (or null for half the cores), was " + loops);
        }
        if (s.engine().dataDir().isBlank()) {
            throw new SettingsException("engine.data_dir must be the path of the folder feeder CSV files are read from");
        }
        for (String url : new String[] {s.pluginBus().mistralEndpoint(), s.pluginBus().apiKeysEndpoint()}) {
            if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new SettingsException("plugin_bus endpoints must be http(s) URLs, was " + url);
            }
        }
    }
}
