package io.maid.goose.adapter.http.helidon;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md is the API's reference: its endpoint table lists exactly the routes the server registers, so
 * the document cannot drift from the code. Path parameters are compared by position, not by name
 * ({@code {run_id}} in the document, {@code {runId}} in the code). Every route is under the base path except
 * {@code GET /metrics}, which the table lists as it is.
 */
class ApiReferenceTest {
    private static final Path API_MD = Path.of("..", "docs", "api.md");
    /** A row of the endpoint table: {@code | `GET /history/{run_id}` | read | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|HEAD|POST|PUT|PATCH|DELETE) (/[^`]*)` \\|");

    /** The routes outside the API's base path, documented with their full path: Prometheus's scrape. */
    private static final Set<String> AT_THE_ROOT = Set.of("GET /metrics");

    private static String normalised(String method, String path) {
        return method + " " + path.replaceAll("\\{[^}/]+}", "{}");
    }

    private static List<String> documented() throws IOException {
        List<String> lines = Files.readAllLines(API_MD);
        int start = lines.indexOf("## Endpoints");
        assertTrue(start >= 0, "docs/api.md has an '## Endpoints' section");
        List<String> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (m.find()) {
                rows.add(normalised(m.group(1), m.group(2)));
            }
        }
        return rows;
    }

    @Test
    void theEndpointTableListsEveryRouteTheServerRegistersAndNoOther() throws IOException {
        List<String> registered;
        try (ApiHarness api = ApiHarness.start()) {
            registered = api.server.routes().stream().map(r -> {
                String[] parts = r.split(" ", 2);
                if (AT_THE_ROOT.contains(r)) {
                    return r;
                }
                assertTrue(parts[1].startsWith(HelidonApiServer.BASE_PATH + "/"), r);
                return normalised(parts[0], parts[1].substring(HelidonApiServer.BASE_PATH.length()));
            }).toList();
        }
        List<String> documented = documented();
        assertEquals(documented.size(), new TreeSet<>(documented).size(), "each endpoint is listed once: " + documented);
        assertEquals(new TreeSet<>(registered), new TreeSet<>(documented),
                "docs/api.md's endpoint table against the routes the server registers");
    }

    @Test
    void everyDocumentedEndpointHasItsOwnSection() throws IOException {
        String text = Files.readString(API_MD);
        for (String endpoint : documented()) {
            String heading = "### `" + endpoint.replace("{}", "{run_id}") + "`";
            String withFile = "### `" + endpoint.replaceFirst("\\{}", "{run_id}").replace("{}", "{file}") + "`";
            assertTrue(text.contains(heading) || text.contains(withFile), "a section for " + endpoint);
        }
    }
}
