package io.maid.goose.domain.flow;

import io.maid.goose.domain.ConfigException;

/** Parsing with the field named. */
public final class Templates {
    private Templates() {
    }

    /** Parses {@code text}, reporting a template error at {@code field}. */
    public static Template parse(String field, String text) {
        try {
            return Template.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(field, e.reason());
        }
    }
}
