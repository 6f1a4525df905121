package io.maid.goose.adapter.reports;

import io.maid.goose.domain.ErrorKind;
import io.maid.goose.domain.StatsRow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The HTML report's detail tables of what went wrong, per request key: responses by status code, and
 * failures by error kind with up to five distinct sample messages each, as Gatling's and Goose's error
 * tables show them. Values are preformatted text; the template escapes every one.
 */
final class ErrorTables {
    /** Status codes per request key: the codes every row is laid out by, then the rows. */
    record StatusTable(List<Code> codes, List<StatusRow> rows, StatusRow total) {
    }

    /** A column: the status code and its class ({@code code-2xx} ...). */
    record Code(String label, String codeClass) {
    }

    /** One request key's responses, one cell per code of the table ({@code —} where it had none). */
    record StatusRow(String name, List<String> counts) {
    }

    /** One request key's failures of one kind, with what the transport said about them. */
    record ErrorRow(String name, String kind, String description, String count, String share, List<String> samples) {
    }

    private static final Map<ErrorKind, String> DESCRIPTIONS = new EnumMap<>(ErrorKind.class);

    static {
        DESCRIPTIONS.put(ErrorKind.CONNECT_REFUSED, "nothing listened: the TCP connect was refused");
        DESCRIPTIONS.put(ErrorKind.CONNECT_TIMEOUT, "the TCP or TLS connect did not complete in time");
        DESCRIPTIONS.put(ErrorKind.RESPONSE_TIMEOUT, "the whole response did not arrive within the request timeout");
        DESCRIPTIONS.put(ErrorKind.CONNECTION_RESET, "the peer reset or closed the connection mid-exchange");
        DESCRIPTIONS.put(ErrorKind.PROTOCOL_ERROR, "the response was not valid HTTP, or a TLS record was corrupt");
        DESCRIPTIONS.put(ErrorKind.UNEXPECTED_STATUS, "a response with a status not counted as success");
        DESCRIPTIONS.put(ErrorKind.CHECK_FAILED, "a response that failed one of its checks (see Checks)");
        DESCRIPTIONS.put(ErrorKind.EXTRACT_FAILED, "an extractor without a default found nothing in the response");
        DESCRIPTIONS.put(ErrorKind.ABANDONED, "still in flight when the shutdown grace ran out");
        DESCRIPTIONS.put(ErrorKind.IO_ERROR, "another I/O failure (DNS, local resource limits, ...)");
        DESCRIPTIONS.put(ErrorKind.REDIRECT_NOT_ALLOWED, "a redirect to a host off the target allow-list, not followed");
        DESCRIPTIONS.put(ErrorKind.CONNECTION_CLOSED, "a kept-alive connection closed before the answer; sent once more");
        DESCRIPTIONS.put(ErrorKind.BODY_TOO_LARGE, "the response body was larger than max_response_bytes");
        DESCRIPTIONS.put(ErrorKind.TLS_ERROR, "the TLS handshake failed: certificate untrusted, expired or for another host");
    }

    private ErrorTables() {
    }

    /** What an error kind means, in one line. */
    static String describe(ErrorKind kind) {
        return DESCRIPTIONS.getOrDefault(kind, "");
    }

    /** Responses per status code and request key, with the total last; codes are the union over all rows, sorted. */
    static StatusTable statusCodes(List<StatsRow> requests, StatsRow total) {
        TreeSet<Integer> codes = new TreeSet<>(total.statusCodes().keySet());
        requests.forEach(r -> codes.addAll(r.statusCodes().keySet()));
        List<Code> columns = codes.stream().map(c -> new Code(String.valueOf(c), codeClass(c))).toList();
        List<StatusRow> rows = new ArrayList<>();
        for (StatsRow r : requests) {
            rows.add(statusRow(r, codes));
        }
        return new StatusTable(columns, rows, statusRow(total, codes));
    }

    /** {@code code-1xx} .. {@code code-5xx}, whatever the code. */
    static String codeClass(int code) {
        return "code-" + Math.max(1, Math.min(5, code / 100)) + "xx";
    }

    private static StatusRow statusRow(StatsRow r, TreeSet<Integer> codes) {
        List<String> counts = new ArrayList<>();
        for (int code : codes) {
            Long n = r.statusCodes().get(code);
            counts.add(n == null || n == 0 ? HumanFormat.MISSING : HumanFormat.count(n));
        }
        return new StatusRow(r.name(), counts);
    }

    /** Every (request key, error kind) with failures, in row and kind order, with its sample messages. */
    static List<ErrorRow> errors(List<StatsRow> requests) {
        List<ErrorRow> rows = new ArrayList<>();
        for (StatsRow r : requests) {
            for (ErrorKind kind : ErrorKind.values()) {
                Long n = r.errors().get(kind);
                if (n == null || n == 0) {
                    continue;
                }
                String share = r.count() == 0 ? HumanFormat.MISSING
                        : String.format(Locale.ROOT, "%.2f%%", 100.0 * n / r.count());
                rows.add(new ErrorRow(r.name(), kind.wireName(), describe(kind), HumanFormat.count(n), share,
                        r.errorSamples().getOrDefault(kind, List.of())));
            }
        }
        return rows;
    }
}
