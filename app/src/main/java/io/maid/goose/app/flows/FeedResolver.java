package io.maid.goose.app.flows;

import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.ConfigViolation;
import io.maid.goose.domain.RunConfig;
import io.maid.goose.domain.flow.DataFeeder;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.domain.flow.FlowRules;
import io.maid.goose.ports.in.InvalidRunConfigException;
import io.maid.goose.ports.out.FeedLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a config's CSV feeders before its run starts, the one place that does so for the CLI and the service:
 * every {@link FeedSource.CsvFile} becomes {@link FeedSource.Rows}, so the engine only ever sees rows, and the
 * whole-flow rules run again, now that the files' columns are known, so that a template using a column the file
 * lacks is refused before the first user starts.
 *
 * <p>Where a {@code csv} path may point is the {@link FeedFolder}'s policy: relative to the config file's
 * folder for {@code goose run} and {@code goose validate}, only below {@code engine.data_dir} for the service.
 * Each file is read once per resolution, even when two feeders name it.
 *
 * <p>Every problem is a {@link ConfigViolation} whose pointer is relative to the config ({@code /data/0/csv}
 * for a file, the template's field for a missing column) and whose message starts with the field's name, as
 * the codec's do. Stateless and thread-safe.
 */
public final class FeedResolver {
    private final FeedFolder folder;
    private final FeedLoader loader;

    public FeedResolver(FeedFolder folder, FeedLoader loader) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * The config with every CSV feeder loaded ({@code config} itself when it has none).
     *
     * @throws InvalidRunConfigException with every problem: a path the folder refuses, a file that cannot be
     *                                   loaded, a column a template uses that the file lacks
     */
    public RunConfig resolve(RunConfig config) {
        if (config.data().stream().noneMatch(f -> f.source() instanceof FeedSource.CsvFile)) {
            return config;
        }
        List<ConfigViolation> violations = new ArrayList<>();
        Map<Path, FeedSource.Rows> loaded = new HashMap<>();
        List<DataFeeder> data = new ArrayList<>();
        for (int i = 0; i < config.data().size(); i++) {
            DataFeeder feeder = config.data().get(i);
            if (!(feeder.source() instanceof FeedSource.CsvFile csv)) {
                data.add(feeder);
                continue;
            }
            String at = "/data/" + i + "/csv";
            try {
                Path file = folder.resolve(csv.path());
                FeedSource.Rows rows = loaded.get(file);
                if (rows == null) {
                    rows = loader.load(file);
                    loaded.put(file, rows);
                }
                data.add(feeder.withSource(rows));
            } catch (FeedFolder.RefusedPathException | FeedLoader.FeedLoadException e) {
                violations.add(new ConfigViolation(at, "csv: " + e.getMessage()));
            }
        }
        if (violations.isEmpty()) {
            for (ConfigException p : FlowRules.problems(config.scenarios(), data)) {
                String field = p.field();
                violations.add(new ConfigViolation("/" + field, field.substring(field.lastIndexOf('/') + 1) + ": " + p.reason()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRunConfigException(violations);
        }
        return config.withData(data);
    }
}
