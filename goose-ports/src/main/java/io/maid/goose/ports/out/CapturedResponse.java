package io.maid.goose.ports.out;

import io.maid.goose.domain.NameValue;

import java.util.List;
import java.util.Objects;

/**
 * What a transport kept of a response because the send asked for it ({@link SendOptions}): always of the final
 * response, after interim (1xx) responses and followed redirects. Header names are as the server sent them,
 * values without the whitespace around them, both read as ISO-8859-1 bytes (as HTTP/1.1 defines them). The
 * body is as framed on the wire without its framing: chunked bodies de-chunked, nothing decompressed; a
 * response without a body (HEAD, 204, 304) has an empty one.
 *
 * @param headers       every header of the final response, in order (empty unless headers were captured)
 * @param body          the first bytes of the de-chunked body (empty unless the body was captured); owned by
 *                      the outcome, never reused by the transport
 * @param bodyTruncated the body was longer than what was captured
 */
public record CapturedResponse(List<NameValue> headers, byte[] body, boolean bodyTruncated) {
    public static final CapturedResponse NONE = new CapturedResponse(List.of(), new byte[0], false);

    public CapturedResponse {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }
}
