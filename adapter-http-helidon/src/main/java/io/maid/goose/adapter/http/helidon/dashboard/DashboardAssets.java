package io.maid.goose.adapter.http.helidon.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything the dashboard serves, by public path under {@value #PREFIX}: its own files (bundled from
 * {@code dashboard/static} in this module) and a short allow-list of files from the WebJars of its two
 * libraries, uPlot (charts) and JSON Editor (the form generated from the run-config schema). Nothing else on
 * the classpath is reachable. Loaded once; a missing library file is a start-up error, not a broken page.
 */
public final class DashboardAssets {
    /** Where the dashboard lives; {@code /} serves its index too. */
    public static final String PREFIX = "/dashboard/";
    static final String INDEX = "index.html";
    private static final String OWN = "io/maid/goose/adapter/http/helidon/dashboard/static";

    /** A WebJar file published under {@code vendor/<as>}. */
    private record VendorFile(String artifact, String file, String as) {
    }

    private static final List<VendorFile> VENDOR = List.of(
            new VendorFile("uplot", "dist/uPlot.esm.js", "uPlot.esm.js"),
            new VendorFile("uplot", "dist/uPlot.min.css", "uPlot.min.css"),
            new VendorFile("uplot", "LICENSE", "uPlot.LICENSE.txt"),
            new VendorFile("json-editor__json-editor", "dist/jsoneditor.js", "jsoneditor.js"),
            new VendorFile("json-editor__json-editor", "LICENSE", "jsoneditor.LICENSE.txt"));

    private final Map<String, StaticAsset> byPath;

    private DashboardAssets(Map<String, StaticAsset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Reads the bundled dashboard and its libraries from this module's class loader. */
    public static DashboardAssets load() {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        Map<String, StaticAsset> assets = new LinkedHashMap<>();
        ClasspathFolder.read(loader, OWN).forEach((rel, bytes) -> assets.put(PREFIX + rel, StaticAsset.of(rel, bytes)));
        if (!assets.containsKey(PREFIX + INDEX)) {
            throw new IllegalStateException("the dashboard's " + INDEX + " is missing from the classpath (" + OWN + ")");
        }
        for (VendorFile v : VENDOR) {
            String resource = "META-INF/resources/webjars/" + v.artifact() + "/" + version(loader, v.artifact()) + "/" + v.file();
            assets.put(PREFIX + "vendor/" + v.as(), StaticAsset.of(v.as(), bytes(loader, resource)));
        }
        return new DashboardAssets(assets);
    }

    /** The asset at a request path, if there is one; {@code /} and {@code /dashboard/} are the index. */
    Optional<StaticAsset> find(String path) {
        if (path.equals("/") || path.equals(PREFIX)) {
            return Optional.of(byPath.get(PREFIX + INDEX));
        }
        return Optional.ofNullable(byPath.get(path));
    }

    /** Every public path (for tests and the start-up log). */
    public java.util.Set<String> paths() {
        return byPath.keySet();
    }

    private static String version(ClassLoader loader, String artifact) {
        String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar org.webjars.npm:" + artifact + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + props, e);
        }
    }

    private static byte[] bytes(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard library file " + resource + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
