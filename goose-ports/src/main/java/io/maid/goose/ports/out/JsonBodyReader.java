package io.maid.goose.ports.out;

/**
 * Reads one value out of a JSON response body, for the {@code json} extractors and checks. The engine
 * knows no JSON library; an adapter supplies one.
 *
 * <p>Thread-safe; called on users' threads and loops, so it must not block and should not keep the body.
 */
public interface JsonBodyReader {
    /**
     * The value at {@code pointer} (RFC 6901; {@code ""} is the whole document) of the JSON text in
     * {@code body[0..length)}: a string without its quotes, a number, boolean or {@code null} as its JSON
     * literal, an object or array as compact JSON text.
     *
     * @return the value, or null when the pointer matches nothing or the body is not JSON
     */
    String read(byte[] body, int length, String pointer);
}
