package io.maid.goose.support.http;

import io.maid.goose.domain.NameValue;

/** Response header fields as a transport's capture keeps them, alike in every transport. */
public final class HeaderFields {
    private HeaderFields() {
    }

    /**
     * One field of a response: {@code null} for a field without a usable name; a bare CR or LF in the name or
     * value read as a space (RFC 9112 §2.2 allows a recipient that), so a captured value can never end a line
     * when it is sent on.
     */
    public static NameValue captured(String name, String value) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String v = value == null ? "" : value;
        return new NameValue(name.replace('\r', ' ').replace('\n', ' '), v.replace('\r', ' ').replace('\n', ' '));
    }
}
