package io.maid.goose.testkit;

import io.maid.goose.domain.flow.FeedSource;
import io.maid.goose.ports.out.FeedLoader;
import io.maid.goose.ports.out.FeedLoader.FeedLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link FeedLoader} does with a feeder's CSV file: the header row names the columns, every other
 * row holds one value per column, and every problem is refused with a message naming the file (and the line,
 * for a bad row). Subclass it once per implementation.
 */
public abstract class FeedLoaderContract {
    @TempDir
    protected Path dir;

    /** The loader under test. */
    protected abstract FeedLoader loader();

    private Path file(String text) {
        return file(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] bytes) {
        try {
            return Files.write(dir.resolve("accounts.csv"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String refusal(Path file) {
        return assertThrows(FeedLoadException.class, () -> loader().load(file)).getMessage();
    }

    @Test
    void theHeaderRowNamesTheColumnsAndEachLineIsARow() {
        FeedSource.Rows rows = loader().load(file("username,password\nalice,a-secret\nbob,b-secret\n"));

        assertEquals(new FeedSource.Rows(List.of("username", "password"),
                List.of(List.of("alice", "a-secret"), List.of("bob", "b-secret"))), rows);
    }

    @Test
    void quotedValuesMayHoldCommasQuotesAndLineBreaks() {
        FeedSource.Rows rows = loader().load(file("q,note\n\"red, blue\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n"));

        assertEquals(List.of(List.of("red, blue", "say \"hi\""), List.of("two\nlines", "x")), rows.rows());
    }

    @Test
    void valuesAreTakenAsWrittenWithTheirSpaces() {
        assertEquals(List.of(List.of(" a ", "")), loader().load(file("x,y\n a ,\n")).rows());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() {
        assertEquals(List.of("username", "password"), loader().load(file("\uFEFFusername,password\nalice,a\n")).columns());
    }

    @Test
    void crlfLineEndsAndAMissingFinalLineEndAreAccepted() {
        assertEquals(List.of(List.of("alice", "a"), List.of("bob", "b")),
                loader().load(file("username,password\r\nalice,a\r\nbob,b")).rows());
    }

    @Test
    void emptyLinesAreSkipped() {
        assertEquals(List.of(List.of("alice", "a"), List.of("bob", "b")),
                loader().load(file("\nusername,password\n\nalice,a\n\n\nbob,b\n\n")).rows());
    }

    @Test
    void aRowOfAnotherWidthIsRefusedNamingTheFileAndItsLine() {
        Path f = file("username,password\nalice,a\nbob\ncarol,c\n");

        assertEquals(f + ":3: has 1 value but the header names 2 columns (username, password)", refusal(f));
    }

    @Test
    void theLineOfABadRowCountsTheLinesOfQuotedValuesAndEmptyLinesBeforeIt() {
        Path f = file("id,note\n1,\"one\ntwo\nthree\"\n\n2,b,extra\n");

        assertEquals(f + ":6: has 3 values but the header names 2 columns (id, note)", refusal(f));
    }

    @Test
    void anEmptyFileIsRefused() {
        Path f = file("");

        assertEquals(f + ": is empty; a feeder file needs a header row naming the columns, then rows", refusal(f));
    }

    @Test
    void aFileOfEmptyLinesIsRefusedAsEmpty() {
        Path f = file("\n\r\n\n");

        assertTrue(refusal(f).startsWith(f + ": is empty"), refusal(f));
    }

    @Test
    void aHeaderWithoutRowsIsRefused() {
        Path f = file("username,password\n");

        assertEquals(f + ": has a header row (username, password) but no rows", refusal(f));
    }

    @Test
    void aMissingFileIsNamedByItsPath() {
        Path missing = dir.resolve("nowhere.csv");

        assertEquals("file not found: " + missing, refusal(missing));
    }

    @Test
    void aFolderIsRefused() {
        assertEquals(dir + ": is not a regular file", refusal(dir));
    }

    @Test
    void aDuplicateColumnIsRefusedAtTheHeadersLine() {
        Path f = file("\nid,name,id\n1,a,2\n");

        assertEquals(f + ":2: the header row names the column 'id' twice", refusal(f));
    }

    @Test
    void aColumnWithoutANameIsRefused() {
        Path f = file("id,,name\n1,2,3\n");

        assertEquals(f + ":1: column 2 of the header row has no name", refusal(f));
    }

    @Test
    void aQuoteLeftOpenIsRefusedAtTheLineItOpensOn() {
        Path f = file("id,name\n0,a\n1,\"open\n2,b\n");

        assertEquals(f + ":3: is not valid CSV: a quoted value is still open at the end of the file", refusal(f));
    }

    @Test
    void textAfterAClosingQuoteIsRefusedAtItsLine() {
        Path f = file("id,name\n1,\"a\"b\n");

        assertEquals(f + ":2: is not valid CSV: a quoted value is followed by other characters before the next comma or line end",
                refusal(f));
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        Path f = file(new byte[] {'i', 'd', '\n', (byte) 0xC3, (byte) 0x28, '\n'});

        assertEquals(f + ": is not UTF-8 text", refusal(f));
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.csv");
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(FeedSource.MAX_FILE_BYTES + 1);
        }

        assertEquals(big + ": holds 257 MiB; a feeder file may hold at most 256 MiB", refusal(big));
    }

    @Test
    void moreRowsThanTheLimitAreRefused() throws IOException {
        Path many = dir.resolve("many.csv");
        try (Writer w = Files.newBufferedWriter(many)) {
            w.write("n\n");
            for (int i = 0; i <= FeedSource.MAX_ROWS; i++) {
                w.write("1\n");
            }
        }

        assertEquals(many + ":" + (FeedSource.MAX_ROWS + 2) + ": is row " + (FeedSource.MAX_ROWS + 1)
                + "; a feeder may hold at most " + FeedSource.MAX_ROWS + " rows", refusal(many));
    }
}
