package io.maid.goose.adapter.driver.lean;

import io.maid.goose.domain.NameValue;
import io.maid.goose.ports.out.CapturedResponse;
import io.maid.goose.ports.out.SendOptions;
import io.maid.goose.support.http.CapturedBody;
import io.maid.goose.support.http.HeaderFields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ResponseParser} keeps of one response because the send asked for it ({@link SendOptions}):
 * its header fields in order and the first bytes of its de-chunked body ({@link CapturedBody}). The parser
 * feeds it the head of the final response (an interim 1xx response's fields are dropped when the next head
 * starts) and the body bytes as it frames them; {@link #result()} hands out copies the outcome owns, so this
 * object is reused request after request.
 *
 * <p>Header lines are read as ISO-8859-1, as HTTP/1.1 defines them, and kept as {@link HeaderFields#captured}
 * says. Nothing of this runs for a send that captures nothing: the parser is then given no capture at all.
 *
 * <p>Single-threaded: owned by one session.
 */
final class ResponseCapture {
    private final List<NameValue> headers = new ArrayList<>();
    private boolean keepHeaders;
    private int bodyLimit;
    private CapturedBody body;

    /** A send starts: what it wants kept. */
    void configure(SendOptions options) {
        keepHeaders = options.captureHeaders();
        bodyLimit = options.captureBodyBytes();
        startHead();
    }

    /** A response head starts (the first, or the next after an interim one): nothing of an earlier one stays. */
    void startHead() {
        headers.clear();
        body = null;
    }

    /** One header line: the name {@code buf[nameFrom, nameTo)}, the value {@code buf[valueFrom, valueTo)}. */
    void header(byte[] buf, int nameFrom, int nameTo, int valueFrom, int valueTo) {
        if (!keepHeaders) {
            return;
        }
        NameValue field = HeaderFields.captured(
                new String(buf, nameFrom, nameTo - nameFrom, StandardCharsets.ISO_8859_1),
                new String(buf, valueFrom, valueTo - valueFrom, StandardCharsets.ISO_8859_1));
        if (field != null) {
            headers.add(field);
        }
    }

    /** The body starts; {@code announced} is its {@code Content-Length}, or -1 when it is not known up front. */
    void startBody(long announced) {
        if (bodyLimit > 0) {
            body = new CapturedBody(bodyLimit, announced);
        }
    }

    /** Body bytes {@code buf[from, from+n)}, as framed (chunk framing already taken off). */
    void body(byte[] buf, int from, int n) {
        if (body != null) {
            body.add(buf, from, n);
        }
    }

    /** What was kept of the response, owned by the caller. */
    CapturedResponse result() {
        CapturedResponse kept = body == null ? new CapturedResponse(headers, new byte[0], false)
                : new CapturedResponse(headers, body.bytes(), body.truncated());
        startHead();
        return kept;
    }
}
