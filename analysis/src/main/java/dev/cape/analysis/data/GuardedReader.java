package dev.cape.analysis.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a stream as strict UTF-8 for the CSV parser and enforces the import's limits while it streams: drops a
 * leading byte-order mark, rejects NUL characters and invalid UTF-8 as "not a text CSV file", and stops with a
 * {@link DataFormatException} as soon as the file or the current record grows past its limit, so that no input
 * can make the import buffer more than about {@code maxRecordChars} characters for one record.
 */
final class GuardedReader extends Reader {

    /** Characters the parser may read ahead of the record it is on (its BufferedReader's buffer). */
    static final int READ_AHEAD = 8192;

    private final Reader in;
    private final String source;
    private final long maxChars;
    private final int maxRecordChars;
    private final StringBuilder pending = new StringBuilder();
    private int pendingPos;
    private boolean started;
    private long total;
    private long line = 1;
    private long recordChars;
    private long recordStartLine = 1;

    GuardedReader(InputStream in, String source, long maxChars, int maxRecordChars) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = new InputStreamReader(in, decoder);
        this.source = source;
        this.maxChars = maxChars;
        this.maxRecordChars = maxRecordChars;
    }

    /** Starts counting the characters of a new record, which begins on {@code startLine}. */
    void startRecord(long startLine) {
        recordChars = 0;
        recordStartLine = startLine;
    }

    /**
     * The first line that is not blank, without its line break, or null at the end of the input; what it reads is
     * handed out again by {@link #read(char[], int, int)}.
     */
    String peekFirstLine() throws IOException {
        char[] buf = new char[4096];
        int lineStart = 0;
        while (true) {
            int nl = pending.indexOf("\n", lineStart);
            while (nl >= 0) {
                String candidate = pending.substring(lineStart, nl);
                if (!candidate.isBlank()) {
                    return stripCr(candidate);
                }
                lineStart = nl + 1;
                nl = pending.indexOf("\n", lineStart);
            }
            if (pending.length() - lineStart > maxRecordChars) {
                throw tooLong(line);
            }
            int n = fill(buf, 0, buf.length);
            if (n < 0) {
                String rest = pending.substring(lineStart);
                return rest.isBlank() ? null : stripCr(rest);
            }
            pending.append(buf, 0, n);
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        if (pendingPos < pending.length()) {
            n = Math.min(len, pending.length() - pendingPos);
            pending.getChars(pendingPos, pendingPos + n, cbuf, off);
            pendingPos += n;
            if (pendingPos == pending.length()) {
                pending.setLength(0);
                pending.trimToSize();
                pendingPos = 0;
            }
        } else {
            n = fill(cbuf, off, len);
        }
        if (n > 0) {
            recordChars += n;
            if (recordChars > (long) maxRecordChars + 2L * READ_AHEAD) {
                throw tooLong(recordStartLine);
            }
        }
        return n;
    }

    /** Reads from the decoder, checking every character; -1 at the end. */
    private int fill(char[] cbuf, int off, int len) throws IOException {
        while (true) {
            int n;
            try {
                n = in.read(cbuf, off, len);
            } catch (CharacterCodingException e) {
                throw new DataFormatException(source, line, null,
                        "not a text CSV file: found a byte sequence that is not valid UTF-8; "
                                + "expected UTF-8 text (save the file as \"CSV UTF-8\")");
            }
            if (n <= 0) {
                return n;
            }
            if (!started) {
                started = true;
                if (cbuf[off] == '\uFEFF') {
                    System.arraycopy(cbuf, off + 1, cbuf, off, n - 1);
                    n--;
                    if (n == 0) {
                        continue;
                    }
                }
            }
            for (int i = off; i < off + n; i++) {
                char c = cbuf[i];
                if (c == '\0') {
                    throw new DataFormatException(source, line, null,
                            "not a text CSV file: found a NUL byte (binary data); expected UTF-8 text");
                }
                if (c == '\n') {
                    line++;
                }
            }
            total += n;
            if (total > maxChars) {
                throw new DataFormatException(source, line, null, "file is longer than the import limit of "
                        + maxChars + " characters; expected a smaller CSV file (the limit can be raised)");
            }
            return n;
        }
    }

    private DataFormatException tooLong(long startLine) {
        return new DataFormatException(source, startLine, null, "found a record longer than the import limit of "
                + maxRecordChars + " characters; expected shorter rows (a quoted field may be missing its "
                + "closing quote)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
