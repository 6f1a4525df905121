package io.maid.goose.domain;

/** How a credential was presented: {@code x-api-key} header or {@code Authorization: Bearer}. */
public enum CredentialKind {
    API_KEY("api_key"), BEARER("bearer");

    private final String wireName;

    CredentialKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
