package io.maid.goose.ports.out;

/** TEST FIXTURE: an out-port named after a technology instead of its role. */
public interface SqliteStorePortFixture {
    void store(String value);
}
