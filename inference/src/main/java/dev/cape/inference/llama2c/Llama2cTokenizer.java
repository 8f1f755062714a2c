package dev.cape.inference.llama2c;

import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.tokenize.TextTokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The SentencePiece-style BPE tokenizer of Karpathy's llama2.c, read from its {@code tokenizer.bin}: encoding and
 * decoding as {@code encode} and {@code decode} in llama2.c's {@code run.c}.
 *
 * <p>File format (little-endian): int32 {@code max_token_length}, then per token: float32 {@code score}, int32
 * {@code length}, {@code length} bytes of UTF-8 ({@code ▁} already replaced by a space). Ids 0, 1, 2 are
 * {@code <unk>}, BOS and EOS; ids 3..258 are the byte-fallback tokens of bytes 0x00..0xFF. Their stored text is the
 * raw byte, the text {@code <0xXX>}, or (stories15M's file, for bytes ≥ 0x80) the UTF-8 encoding of U+0080..U+00FF;
 * all three read as the byte.
 *
 * <p>Encoding: optional BOS; a dummy-prefix {@code " "} when the text is non-empty; one token per UTF-8 code point
 * found among the regular pieces, else one byte-fallback token per byte ({@code id = byte + 3}); then, as long as
 * some adjacent pair concatenates to a regular piece, merge the pair whose piece has the highest score (the leftmost
 * on ties; scores not above -1e10 never merge). Where run.c is ill-defined this follows SentencePiece: byte-fallback
 * and control tokens are never looked up as text (run.c also matches their stored text, so with stories15M's file it
 * takes the dummy prefix {@code " "} or a lone {@code "x"} as byte token or regular piece by {@code bsearch} luck, and
 * would encode U+0085 as the lone byte 0x85), and byte tokens concatenate as their byte. The merge loop is quadratic
 * in the text length, like run.c's.
 *
 * <p>Decoding: a piece that follows BOS loses its leading space (SentencePiece's dummy prefix); byte tokens become
 * their raw byte; {@link #decode(int[])} joins the bytes of all tokens before reading them as UTF-8, so characters
 * split into byte tokens come out whole (run.c prints each byte token's stored text, which for stories15M's file
 * garbles them).
 */
public final class Llama2cTokenizer implements TextTokenizer {

    public static final int UNK_ID = 0;
    public static final int BOS_ID = 1;
    public static final int EOS_ID = 2;
    /** Id of the byte-fallback token of byte 0x00; byte {@code b} has id {@code b + 3}. */
    public static final int FIRST_BYTE_ID = 3;
    private static final int LAST_BYTE_ID = FIRST_BYTE_ID + 255;
    /** run.c's initial best score: merges whose score is not above it never happen. */
    private static final float NO_MERGE_SCORE = -1e10f;

    private final Path file;
    private final int maxTokenLength;
    private final byte[][] pieces;
    private final float[] scores;
    /** For a byte-fallback token the byte it stands for, else -1. */
    private final int[] byteValues;
    private final int dummyPrefixId;
    /** What {@link #encode} looks tokens up in; built on its first call (a model that only decodes never needs it). */
    private volatile Lookup lookup;

    /**
     * Text of each token as an ISO-8859-1 string (one char per byte, the byte itself for byte tokens), so
     * concatenation and lookup work on raw bytes, and the id of each text (the first such id above EOS that is not a
     * byte token).
     */
    private record Lookup(String[] keys, Map<String, Integer> ids) {
    }

    private Llama2cTokenizer(Path file, int maxTokenLength, List<byte[]> pieces, float[] scores) {
        this.file = file;
        this.maxTokenLength = maxTokenLength;
        this.pieces = pieces.toArray(new byte[0][]);
        this.scores = scores;
        this.byteValues = new int[this.pieces.length];
        int space = -1;
        for (int id = 0; id < this.pieces.length; id++) {
            byteValues[id] = isByteId(id) ? storedByte(this.pieces[id], id - FIRST_BYTE_ID) : -1;
            byte[] piece = this.pieces[id];
            if (space < 0 && id > EOS_ID && byteValues[id] < 0 && piece.length == 1 && piece[0] == ' ') {
                space = id;
            }
        }
        if (space < 0) {
            throw new ModelLoadException(file + ": tokenizer has no \" \" piece, needed as the dummy prefix");
        }
        this.dummyPrefixId = space;
    }

    /** The lookup of {@link #encode}, built once (32,000 strings and map entries: a cold JVM's load paid 20-30 ms). */
    private Lookup lookup() {
        Lookup l = lookup;
        if (l == null) {
            synchronized (this) {
                l = lookup;
                if (l == null) {
                    String[] keys = new String[pieces.length];
                    Map<String, Integer> ids = new HashMap<>(pieces.length * 2);
                    for (int id = 0; id < pieces.length; id++) {
                        keys[id] = byteValues[id] >= 0 ? String.valueOf((char) byteValues[id])
                                : new String(pieces[id], StandardCharsets.ISO_8859_1);
                        if (id > EOS_ID && byteValues[id] < 0) {
                            ids.putIfAbsent(keys[id], id);
                        }
                    }
                    l = new Lookup(keys, ids);
                    lookup = l;
                }
            }
        }
        return l;
    }

    /** {@code b} when {@code piece} is one of the stored forms of byte {@code b}, else -1. */
    private static int storedByte(byte[] piece, int b) {
        if (piece.length == 1 && (piece[0] & 0xFF) == b) {
            return b;
        }
        if (hexByte(piece, 0) == b) {
            return b;
        }
        byte[] latin1AsUtf8 = String.valueOf((char) b).getBytes(StandardCharsets.UTF_8);
        return b >= 0x80 && Arrays.equals(piece, latin1AsUtf8) ? b : -1;
    }

    /**
     * Reads a {@code tokenizer.bin} with exactly {@code vocabSize} tokens (the file does not store the count; take it
     * from the checkpoint header).
     *
     * @throws ModelLoadException naming the file and token when it is missing, truncated, has a negative or too long
     *                            token length, fewer or more tokens than {@code vocabSize}
     */
    public static Llama2cTokenizer load(Path tokenizerBin, int vocabSize) {
        if (vocabSize <= LAST_BYTE_ID) {
            throw new IllegalArgumentException("vocabSize must be > " + LAST_BYTE_ID
                    + " (ids 3..258 are the byte-fallback tokens): " + vocabSize);
        }
        return read(tokenizerBin, vocabSize);
    }

    /** Reads a {@code tokenizer.bin}, taking every token up to the end of the file. */
    public static Llama2cTokenizer load(Path tokenizerBin) {
        return read(tokenizerBin, -1);
    }

    private static Llama2cTokenizer read(Path file, int vocabSize) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file + ": no such llama2.c tokenizer file", e);
        } catch (IOException e) {
            throw new ModelLoadException(file + ": cannot read llama2.c tokenizer: " + e.getMessage(), e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < Integer.BYTES) {
            throw new ModelLoadException(file + ": truncated llama2.c tokenizer: " + bytes.length
                    + " bytes, expected at least 4 (int32 max_token_length)");
        }
        int maxTokenLength = in.getInt();
        if (maxTokenLength <= 0) {
            throw new ModelLoadException(file + ": field max_token_length must be > 0: " + maxTokenLength);
        }
        List<byte[]> pieces = new ArrayList<>(vocabSize > 0 ? vocabSize : 32000);
        float[] scores = new float[vocabSize > 0 ? vocabSize : 1024];
        while (vocabSize < 0 ? in.hasRemaining() : pieces.size() < vocabSize) {
            int id = pieces.size();
            if (!in.hasRemaining()) {
                throw new ModelLoadException(file + ": llama2.c tokenizer has " + id + " tokens, expected "
                        + vocabSize + " (the checkpoint's vocab_size)");
            }
            if (in.remaining() < 2 * Integer.BYTES) {
                throw new ModelLoadException(file + ": truncated llama2.c tokenizer at token " + id + " (offset "
                        + in.position() + "): " + in.remaining() + " bytes left, expected 8 (float32 score,"
                        + " int32 length)");
            }
            float score = in.getFloat();
            int length = in.getInt();
            if (length < 0) {
                throw new ModelLoadException(file + ": token " + id + " has negative length " + length);
            }
            if (length > maxTokenLength) {
                throw new ModelLoadException(file + ": token " + id + " has length " + length
                        + ", more than max_token_length " + maxTokenLength);
            }
            if (in.remaining() < length) {
                throw new ModelLoadException(file + ": truncated llama2.c tokenizer at token " + id + ": length "
                        + length + " but only " + in.remaining() + " bytes left");
            }
            byte[] piece = new byte[length];
            in.get(piece);
            if (id == scores.length) {
                scores = Arrays.copyOf(scores, scores.length * 2);
            }
            scores[id] = score;
            pieces.add(piece);
        }
        if (in.hasRemaining()) {
            throw new ModelLoadException(file + ": llama2.c tokenizer has " + in.remaining()
                    + " bytes after its " + vocabSize + " tokens; is vocab_size right?");
        }
        if (pieces.size() <= LAST_BYTE_ID) {
            throw new ModelLoadException(file + ": llama2.c tokenizer has " + pieces.size() + " tokens, expected more"
                    + " than " + LAST_BYTE_ID + " (ids 3..258 are the byte-fallback tokens)");
        }
        return new Llama2cTokenizer(file, maxTokenLength, pieces, Arrays.copyOf(scores, pieces.size()));
    }

    private static boolean isByteId(int id) {
        return id >= FIRST_BYTE_ID && id <= LAST_BYTE_ID;
    }

    public Path file() {
        return file;
    }

    public int maxTokenLength() {
        return maxTokenLength;
    }

    /** The merge score of a token. */
    public float score(int id) {
        checkId(id);
        return scores[id];
    }

    /** The stored bytes of a token, as in the file. */
    public byte[] piece(int id) {
        checkId(id);
        return pieces[id].clone();
    }

    @Override
    public int[] encode(String text, boolean addBos) {
        Lookup l = lookup();
        Map<String, Integer> lookup = l.ids();
        String[] keys = l.keys();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[utf8.length + 2];
        int n = 0;
        if (addBos) {
            tokens[n++] = BOS_ID;
        }
        int start = n;
        if (utf8.length > 0) {
            tokens[n++] = dummyPrefixId;
        }
        // one token per code point, or its bytes: a code point is a non-continuation byte and up to 3 more
        int i = 0;
        while (i < utf8.length) {
            int end = i + 1;
            while (end < utf8.length && (utf8[end] & 0xC0) == 0x80 && end - i < 4) {
                end++;
            }
            Integer id = lookup.get(new String(utf8, i, end - i, StandardCharsets.ISO_8859_1));
            if (id != null) {
                tokens[n++] = id;
            } else {
                for (int k = i; k < end; k++) {
                    tokens[n++] = (utf8[k] & 0xFF) + FIRST_BYTE_ID;
                }
            }
            i = end;
        }
        // merge the best-scoring adjacent pair until none is in the vocabulary
        while (true) {
            float bestScore = NO_MERGE_SCORE;
            int bestId = -1;
            int bestIdx = -1;
            for (int k = start; k < n - 1; k++) {
                Integer id = lookup.get(keys[tokens[k]] + keys[tokens[k + 1]]);
                if (id != null && scores[id] > bestScore) {
                    bestScore = scores[id];
                    bestId = id;
                    bestIdx = k;
                }
            }
            if (bestIdx < 0) {
                break;
            }
            tokens[bestIdx] = bestId;
            System.arraycopy(tokens, bestIdx + 2, tokens, bestIdx + 1, n - bestIdx - 2);
            n--;
        }
        return Arrays.copyOf(tokens, n);
    }

    /**
     * The bytes of {@code id} as it continues {@code previous}, as run.c's {@code decode(prev_token, token)}: the
     * piece, without its leading space after BOS; the byte itself for a byte-fallback token (or any {@code <0xXX>}
     * piece). Control tokens give their stored text.
     */
    public byte[] decodeBytes(int previous, int id) {
        checkId(id);
        if (byteValues[id] >= 0) {
            return new byte[] {(byte) byteValues[id]};
        }
        byte[] piece = pieces[id];
        int from = previous == BOS_ID && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
        int value = hexByte(piece, from);
        if (value >= 0) {
            return new byte[] {(byte) value};
        }
        return Arrays.copyOfRange(piece, from, piece.length);
    }

    /** {@code <0xXX>} (two upper- or lower-case hex digits) starting at {@code from}: the byte, else -1. */
    private static int hexByte(byte[] piece, int from) {
        if (piece.length - from != 6 || piece[from] != '<' || piece[from + 1] != '0' || piece[from + 2] != 'x'
                || piece[from + 5] != '>') {
            return -1;
        }
        int hi = Character.digit(piece[from + 3], 16);
        int lo = Character.digit(piece[from + 4], 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /**
     * The text of the ids: control tokens (unk, BOS, EOS) skipped, the start treated as following BOS (so the dummy
     * prefix space of {@link #encode} is dropped, with or without a BOS id), bytes of all pieces joined before they
     * are read as UTF-8. {@code decode(encode(s, b))} is {@code s} for every string without unpaired surrogates.
     *
     * @throws IllegalArgumentException naming the id when one is outside {@code [0, vocabSize)}
     */
    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        int previous = BOS_ID;
        for (int id : ids) {
            checkId(id);
            if (id > EOS_ID) {
                out.writeBytes(decodeBytes(previous, id));
            }
            previous = id;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The text of {@code id} as it continues {@code previous} (run.c's decode): empty for control tokens; a byte
     * token of a byte {@code >= 0x80} is only part of a character and reads as U+FFFD here, so streaming code that
     * must print such characters whole should collect {@link #decodeBytes} instead.
     */
    @Override
    public String decodeNext(int previous, int id) {
        checkId(id);
        if (id <= EOS_ID) {
            return "";
        }
        return new String(decodeBytes(previous, id), StandardCharsets.UTF_8);
    }

    @Override
    public OptionalInt bosId() {
        return OptionalInt.of(BOS_ID);
    }

    /** True: run.c prepends BOS to every prompt, and stories15M was trained on BOS-started stories. */
    @Override
    public boolean bosByDefault() {
        return true;
    }

    @Override
    public OptionalInt eosId() {
        return OptionalInt.of(EOS_ID);
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    private void checkId(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new IllegalArgumentException("token id must be in [0, " + pieces.length + "): " + id);
        }
    }
}
