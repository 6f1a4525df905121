package io.maid.goose.ports.out;

import io.maid.goose.domain.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * What an operator asks a {@link RecipeGenerator} for.
 *
 * @param prompt        the traffic, described in natural language; not blank
 * @param targetBaseUrl the URL the config must target ({@code null}: let the model choose one from the
 *                      prompt); when given, an absolute http or https URL with a host
 * @param tags          labels the config must carry in {@code plugin_hints.tags}; {@code null} means none
 * @throws ConfigException naming {@code prompt}, {@code target_base_url} or {@code tags} when a value
 *                         breaks these rules, before any model is asked
 */
public record RecipeRequest(String prompt, String targetBaseUrl, List<String> tags) {
    public RecipeRequest {
        if (prompt == null || prompt.isBlank()) {
            throw new ConfigException("prompt", "must describe the traffic to generate, was empty");
        }
        if (targetBaseUrl != null) {
            checkTarget(targetBaseUrl);
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).isBlank()) {
                throw new ConfigException("tags/" + i, "must be a non-empty string");
            }
        }
    }

    private static void checkTarget(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("target_base_url", "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException("target_base_url", "must be an absolute http or https URL with a host, was '" + url + "'");
        }
    }
}
