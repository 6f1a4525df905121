package io.maid.goose.domain;

/** TLS settings: {@code verify} defaults to true; {@code caBundle} is an optional PEM file path. */
public record TlsSpec(boolean verify, String caBundle) {
    public TlsSpec {
        if (caBundle != null && caBundle.isBlank()) {
            throw new ConfigException("ca_bundle", "must be a file path when given");
        }
    }

    public static TlsSpec defaults() {
        return new TlsSpec(true, null);
    }
}
