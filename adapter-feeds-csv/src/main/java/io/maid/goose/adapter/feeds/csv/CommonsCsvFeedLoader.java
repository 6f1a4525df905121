package io.maid.goose.adapter.feeds.csv;

import io.maid.goose.domain.ConfigException;
import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.ports.out.FeedLoader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FeedLoader} with commons-csv: RFC 4180 CSV in UTF-8 (a byte-order mark is skipped), commas between
 * values, double quotes around values that hold commas, quotes or line breaks; CRLF or LF line ends; empty lines
 * skipped; values taken exactly as written (no trimming).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The first record names the columns: each name non-blank and unique. Every other record is a row with
 *       one value per column.</li>
 *   <li>The file's size is checked before anything is read: more than {@link FeedSource#MAX_FILE_BYTES} is
 *       refused. Rows are counted as they are read: more than {@link FeedSource#MAX_ROWS} is refused.</li>
 *   <li>Every failure is a {@link FeedLoadException} whose message names the file, and for a bad record the
 *       line it starts on ({@code /data/feeds/accounts.csv:7: ...}): a missing or unreadable file, a folder, an
 *       empty file, a header without rows, a row of another width, a duplicate or blank column name, a quote left
 *       open, bytes that are not UTF-8.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class CommonsCsvFeedLoader implements FeedLoader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(false).get();
    private static final char BOM = '\uFEFF';
    /** commons-csv puts the line into its parse errors as "(startline 12) ..." or "... at line: 12, position: 3". */
    private static final Pattern LINE = Pattern.compile("\\(startline (\\d+)\\)\\s*|\\s*at line: (\\d+), position: \\d+");
    /** commons-csv's parse errors, said for someone who wrote the file. */
    private static final Map<String, String> PARSE_ERRORS = Map.of(
            "EOF reached before encapsulated token finished", "a quoted value is still open at the end of the file",
            "Invalid character between encapsulated token and delimiter",
            "a quoted value is followed by other characters before the next comma or line end");
    private static final long MIB = 1024 * 1024;

    @Override
    public FeedSource.Rows load(Path file) {
        BasicFileAttributes attributes = attributes(file);
        if (!attributes.isRegularFile()) {
            throw new FeedLoadException(file + ": is not a regular file");
        }
        if (attributes.size() > FeedSource.MAX_FILE_BYTES) {
            throw new FeedLoadException(file + ": holds " + (attributes.size() + MIB - 1) / MIB + " MiB; a feeder file may hold at most "
                    + FeedSource.MAX_FILE_BYTES / MIB + " MiB");
        }
        try (Reader in = utf8(file); CSVParser parser = CSVParser.parse(in, FORMAT)) {
            return rows(file, parser);
        } catch (UncheckedIOException e) {
            throw invalid(file, e.getCause());
        } catch (IOException e) {
            throw invalid(file, e);
        }
    }

    /**
     * Reads the header and the rows. Empty lines reach here as records of one empty value (so that each record's
     * first line is known: the line after the previous record) and are skipped.
     */
    private static FeedSource.Rows rows(Path file, CSVParser parser) {
        Iterator<CSVRecord> records = parser.iterator();
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        long next = 1;
        // hasNext reads the record ahead, so the parser's line count is past the record next() then returns
        while (records.hasNext()) {
            CSVRecord record = records.next();
            long line = next;
            next = parser.getCurrentLineNumber() + 1;
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (columns == null) {
                columns = header(file, line, record);
                continue;
            }
            if (record.size() != columns.size()) {
                throw new FeedLoadException(file + ":" + line + ": has " + count(record.size(), "value") + " but the header names "
                        + count(columns.size(), "column") + " (" + String.join(", ", columns) + ")");
            }
            if (rows.size() == FeedSource.MAX_ROWS) {
                throw new FeedLoadException(file + ":" + line + ": is row " + (FeedSource.MAX_ROWS + 1) + "; a feeder may hold at most "
                        + FeedSource.MAX_ROWS + " rows");
            }
            rows.add(Arrays.asList(record.values()));
        }
        if (columns == null) {
            throw new FeedLoadException(file + ": is empty; a feeder file needs a header row naming the columns, then rows");
        }
        if (rows.isEmpty()) {
            throw new FeedLoadException(file + ": has a header row (" + String.join(", ", columns) + ") but no rows");
        }
        try {
            return new FeedSource.Rows(columns, rows);
        } catch (ConfigException e) {
            throw new FeedLoadException(file + ": " + e.reason(), e);
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static List<String> header(Path file, long line, CSVRecord header) {
        List<String> columns = Arrays.asList(header.values());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isBlank()) {
                throw new FeedLoadException(file + ":" + line + ": column " + (i + 1) + " of the header row has no name");
            }
            if (!seen.add(columns.get(i))) {
                throw new FeedLoadException(file + ":" + line + ": the header row names the column '" + columns.get(i) + "' twice");
            }
        }
        return columns;
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FeedLoadException("file not found: " + file, e);
        } catch (AccessDeniedException e) {
            throw new FeedLoadException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new FeedLoadException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The file as strict UTF-8 (a malformed byte fails instead of becoming U+FFFD), without a leading BOM. */
    private static Reader utf8(Path file) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        in.mark(1);
        if (in.read() != BOM) {
            in.reset();
        }
        return in;
    }

    private static FeedLoadException invalid(Path file, Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CharacterCodingException) {
                return new FeedLoadException(file + ": is not UTF-8 text", cause);
            }
        }
        String message = String.valueOf(cause.getMessage());
        Matcher line = LINE.matcher(message);
        String where = "";
        if (line.find()) {
            where = ":" + (line.group(1) != null ? line.group(1) : line.group(2));
            message = line.replaceAll("").strip();
        }
        return new FeedLoadException(file + where + ": is not valid CSV: " + PARSE_ERRORS.getOrDefault(message, message), cause);
    }
}
