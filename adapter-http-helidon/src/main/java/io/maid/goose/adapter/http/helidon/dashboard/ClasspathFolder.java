package io.maid.goose.adapter.http.helidon.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads every regular file below one classpath folder, whether the classes run from a build directory or
 * from a jar. The files are small and read once at start-up, so nothing is ever resolved from a request
 * path: what a request can reach is exactly the key set of {@link #read}'s answer.
 */
final class ClasspathFolder {
    private ClasspathFolder() {
    }

    /**
     * @param folder a resource folder such as {@code io/maid/goose/adapter/http/helidon/dashboard/static}
     * @return relative path ({@code js/main.js}, always with {@code /}) to content, sorted; empty when the
     *         folder is not on the classpath
     */
    static Map<String, byte[]> read(ClassLoader loader, String folder) {
        URL url = loader.getResource(folder);
        Map<String, byte[]> files = new TreeMap<>();
        if (url == null) {
            return files;
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = jarFileSystem(uri)) {
                    collect(fs.getPath("/" + folder), files);
                }
            } else {
                collect(Path.of(uri), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled folder " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unusable resource URL " + url, e);
        }
        return files;
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // someone else holds it open; a fresh one over the same jar is independent of theirs
            String jar = uri.getSchemeSpecificPart();
            return FileSystems.newFileSystem(Path.of(URI.create(jar.substring(0, jar.indexOf("!/")))));
        }
    }

    private static void collect(Path root, Map<String, byte[]> into) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(p)) {
                    into.put(rel, in.readAllBytes());
                }
            }
        }
    }
}
