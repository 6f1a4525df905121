package io.maid.goose.engine.flow;

import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.NameValue;
import io.maid.goose.domain.RequestSpec;
import io.maid.goose.domain.flow.HttpStep;
import io.maid.goose.domain.flow.NamedTemplate;
import io.maid.goose.domain.flow.Template;
import io.maid.goose.domain.flow.TemplateScope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Renders a templated {@link HttpStep} into a fresh {@link RequestSpec} for one send.
 *
 * <ul>
 *   <li><b>Path</b>: what a variable or built-in renders into the path is percent-encoded as UTF-8, every
 *       byte but the unreserved {@code A-Z a-z 0-9 - . _ ~}: a value can never add a {@code /}, {@code ?} or
 *       {@code #}, start a {@code //} authority or otherwise change the host. The path's literal text, which the
 *       step checked, is kept as written.</li>
 *   <li><b>Query</b> values are rendered as they are: the transport encodes them, as for a constant request.</li>
 *   <li><b>Header</b> values must not contain CR, LF or any other control character but tab: such a value is
 *       never sent (header injection), the request is a template error.</li>
 *   <li><b>Body</b>: rendered as it is.</li>
 * </ul>
 * A request that references an unset variable is not made: {@link #render} returns null and {@link #missing()}
 * names the variable; any other reason to refuse it is a template error ({@code missing()} null).
 *
 * <p>One per user (it reuses a buffer); not thread-safe.
 */
final class RequestRenderer {
    /** Percent-encodes a value rendered into the path. */
    static final UnaryOperator<String> PATH_VALUE = RequestRenderer::encodePathValue;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder buffer = new StringBuilder(256);
    private String missing;

    /** The request, or null when it cannot be made (see {@link #missing()}). */
    RequestSpec render(HttpStep step, TemplateScope scope) {
        missing = null;
        String path = render(step.path(), scope, PATH_VALUE);
        if (path == null) {
            return null;
        }
        List<NameValue> headers = render(step.headers(), scope, true);
        if (headers == null) {
            return null;
        }
        List<NameValue> query = render(step.query(), scope, false);
        if (query == null) {
            return null;
        }
        String body = null;
        if (step.body() != null && (body = render(step.body(), scope, null)) == null) {
            return null;
        }
        try {
            return new RequestSpec(step.method(), path, headers, query, body, step.allowRedirects(), step.expectStatus());
        } catch (ConfigException e) {
            return null;
        }
    }

    /** The variable the last {@link #render} found unset, or null when it failed otherwise (or did not fail). */
    String missing() {
        return missing;
    }

    /** Renders {@code t}, or returns null and sets {@link #missing}. */
    String render(Template t, TemplateScope scope, UnaryOperator<String> escaper) {
        if (t.isConstant()) {
            return t.text();
        }
        buffer.setLength(0);
        String unset = t.renderTo(buffer, scope, escaper);
        if (unset != null) {
            missing = unset;
            return null;
        }
        return buffer.toString();
    }

    private List<NameValue> render(List<NamedTemplate> list, TemplateScope scope, boolean header) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<NameValue> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            NamedTemplate nt = list.get(i);
            String value = render(nt.value(), scope, null);
            if (value == null || (header && !isHeaderValue(value))) {
                return null;
            }
            try {
                out.add(new NameValue(nt.name(), value));
            } catch (ConfigException e) {
                return null;
            }
        }
        return out;
    }

    /** A field value as RFC 9110 allows it: no control character but horizontal tab. */
    static boolean isHeaderValue(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} with every byte of its UTF-8 form but the unreserved ones percent-encoded. */
    static String encodePathValue(String value) {
        int i = 0;
        while (i < value.length() && unreserved(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (unreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
