package io.maid.goose.testkit;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.maid.goose.ports.out.JsonBodyReader;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link JsonBodyReader} for engine tests: Jackson's tree and {@link JsonPointer}, as the port describes
 * (strings unquoted, other values as compact JSON, null for a missing value or a body that is not JSON),
 * and a count of its reads, so a test can see that only transactions with json checks or extractors read.
 * Thread-safe.
 */
public final class FakeJsonBodyReader implements JsonBodyReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public String read(byte[] body, int length, String pointer) {
        reads.incrementAndGet();
        try {
            JsonNode node = JSON.readTree(body, 0, length);
            if (node == null) {
                return null;
            }
            JsonNode found = node.at(JsonPointer.compile(pointer));
            if (found.isMissingNode()) {
                return null;
            }
            return found.isTextual() ? found.asText() : JSON.writeValueAsString(found);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** How many times {@link #read} was called. */
    public long reads() {
        return reads.get();
    }
}
