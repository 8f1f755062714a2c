package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.model.ModelLoadException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cTokenizerTest {

    @TempDir
    Path dir;

    /** Builds a tokenizer.bin: max_token_length, then (score, length, bytes) per token. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer(int maxTokenLength) {
            putInt(maxTokenLength);
        }

        Writer token(float score, byte[] piece) {
            return raw(score, piece.length, piece);
        }

        Writer token(float score, String piece) {
            return token(score, piece.getBytes(StandardCharsets.UTF_8));
        }

        Writer raw(float score, int length, byte[] bytes) {
            putInt(Float.floatToIntBits(score));
            putInt(length);
            out.writeBytes(bytes);
            return this;
        }

        /** unk, BOS, EOS and the 256 raw byte tokens, as in stories15M's file. */
        Writer llamaPrefix() {
            token(0f, "<unk>").token(0f, "\n<s>\n").token(0f, "\n</s>\n");
            for (int b = 0; b < 256; b++) {
                token(0f, new byte[] {(byte) b});
            }
            return this;
        }

        void putInt(int v) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        Path write(Path file) throws IOException {
            Files.write(file, out.toByteArray());
            return file;
        }
    }

    private ModelLoadException loadFails(Path file) {
        return assertThrows(ModelLoadException.class, () -> Llama2cTokenizer.load(file));
    }

    // ---- invalid input

    @Test
    void missingFileIsRefusedWithItsName() {
        Path missing = dir.resolve("absent.bin");
        ModelLoadException e = loadFails(missing);
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such"));
    }

    @Test
    void fileShorterThanMaxTokenLengthIsTruncated() throws IOException {
        Path f = Files.write(dir.resolve("t.bin"), new byte[] {27, 0});
        assertTrue(loadFails(f).getMessage().contains("truncated llama2.c tokenizer: 2 bytes"));
    }

    @Test
    void nonPositiveMaxTokenLengthIsRefused() throws IOException {
        Path f = new Writer(0).write(dir.resolve("t.bin"));
        assertTrue(loadFails(f).getMessage().contains("max_token_length must be > 0: 0"));
    }

    @Test
    void truncatedEntryNamesTheToken() throws IOException {
        Writer w = new Writer(8).llamaPrefix();
        w.putInt(Float.floatToIntBits(-1f)); // token 259: a score but no length
        ModelLoadException e = loadFails(w.write(dir.resolve("t.bin")));
        assertTrue(e.getMessage().contains("truncated llama2.c tokenizer at token 259"), e.getMessage());
    }

    @Test
    void truncatedPieceBytesNameTheToken() throws IOException {
        Path f = new Writer(8).llamaPrefix().raw(-1f, 5, new byte[] {'a', 'b'}).write(dir.resolve("t.bin"));
        ModelLoadException e = loadFails(f);
        assertTrue(e.getMessage().contains("at token 259: length 5 but only 2 bytes left"), e.getMessage());
    }

    @Test
    void negativeLengthIsRefused() throws IOException {
        Path f = new Writer(8).llamaPrefix().raw(-1f, -3, new byte[0]).write(dir.resolve("t.bin"));
        ModelLoadException e = loadFails(f);
        assertTrue(e.getMessage().contains("token 259 has negative length -3")
                && e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void pieceLongerThanMaxTokenLengthIsRefused() throws IOException {
        Path f = new Writer(7).llamaPrefix().token(-1f, "abcdefgh").write(dir.resolve("t.bin"));
        assertTrue(loadFails(f).getMessage().contains("token 259 has length 8, more than max_token_length 7"));
    }

    @Test
    void wrongTokenCountIsRefused() throws IOException {
        Path f = new Writer(8).llamaPrefix().token(-1f, " ").token(-2f, "ab").write(dir.resolve("t.bin"));
        ModelLoadException fewer = assertThrows(ModelLoadException.class, () -> Llama2cTokenizer.load(f, 300));
        assertTrue(fewer.getMessage().contains("has 261 tokens, expected 300"), fewer.getMessage());
        ModelLoadException more = assertThrows(ModelLoadException.class, () -> Llama2cTokenizer.load(f, 260));
        assertTrue(more.getMessage().contains("bytes after its 260 tokens"), more.getMessage());
        assertEquals(261, Llama2cTokenizer.load(f, 261).vocabSize());
        assertThrows(IllegalArgumentException.class, () -> Llama2cTokenizer.load(f, 100));
    }

    @Test
    void vocabularyWithoutByteTokensOrDummyPrefixIsRefused() throws IOException {
        Path small = new Writer(8).token(0f, "<unk>").token(0f, " ").write(dir.resolve("small.bin"));
        assertTrue(loadFails(small).getMessage().contains("has 2 tokens, expected more than 258"));
        // 256 byte tokens except that the one of 0x20 holds '!' (so it is a regular piece): no " " anywhere
        Writer w = new Writer(8).token(0f, "<unk>").token(0f, "\n<s>\n").token(0f, "\n</s>\n");
        for (int b = 0; b < 256; b++) {
            w.token(0f, new byte[] {(byte) (b == ' ' ? '!' : b)});
        }
        ModelLoadException e = loadFails(w.token(-1f, "ab").write(dir.resolve("nospace.bin")));
        assertTrue(e.getMessage().contains("no \" \" piece"), e.getMessage());
    }

    // ---- behaviour on a small synthetic vocabulary

    private Llama2cTokenizer synthetic() throws IOException {
        return Llama2cTokenizer.load(new Writer(8).llamaPrefix()
                .token(-1e9f, " ")     // 259: the regular dummy-prefix piece (duplicate of byte token 35)
                .token(-10f, "a")      // 260
                .token(-11f, "b")      // 261
                .token(-12f, "c")      // 262
                .token(-1f, "ab")      // 263
                .token(-2f, "bc")      // 264
                .token(-0.5f, " a")    // 265
                .token(-3f, "abc")     // 266
                .write(dir.resolve("syn.bin")));
    }

    @Test
    void mergesTheBestScoringPairFirst() throws IOException {
        Llama2cTokenizer t = synthetic();
        // " abc": [" ", a, b, c] -> " a" (-0.5) -> [" a", b, c] -> "bc" (-2) -> [" a", "bc"]; " abc" is no piece
        assertArrayEquals(new int[] {1, 265, 264}, t.encode("abc", true));
        // "cab": [" ", c, a, b] -> "ab" (-1) -> [" ", c, "ab"]; "cab", " c" are no pieces
        assertArrayEquals(new int[] {259, 262, 263}, t.encode("cab", false));
    }

    @Test
    void prefersRegularPiecesOverByteTokensAndFallsBackToBytes() throws IOException {
        Llama2cTokenizer t = synthetic();
        // "c" is both byte token 0x63 + 3 = 102 and piece 262; "é" is no piece: bytes C3 A9 -> 198, 172
        assertArrayEquals(new int[] {259, 262, 0xC3 + 3, 0xA9 + 3}, t.encode("cé", false));
        assertArrayEquals(new int[0], t.encode("", false));
        assertArrayEquals(new int[] {1}, t.encode("", true));
        assertEquals("cé", t.decode(t.encode("cé", true)));
    }

    @Test
    void byteTokensStoredAsHexTextDecodeToTheirByte() throws IOException {
        Writer w = new Writer(8).token(0f, "<unk>").token(0f, "\n<s>\n").token(0f, "\n</s>\n");
        for (int b = 0; b < 256; b++) {
            w.token(0f, String.format("<0x%02X>", b));
        }
        Llama2cTokenizer t = Llama2cTokenizer.load(w.token(-1e9f, " ").token(-5f, "c").write(dir.resolve("hex.bin")));
        int[] ids = t.encode("cé", true);
        assertArrayEquals(new int[] {1, 259, 260, 0xC3 + 3, 0xA9 + 3}, ids);
        assertEquals("cé", t.decode(ids));
        assertArrayEquals(new byte[] {(byte) 0xC3}, t.decodeBytes(260, 0xC3 + 3));
    }

    // ---- stories15M's real tokenizer.bin

    /**
     * Expected ids from an independent Python transcription of llama2.c run.c's {@code encode} (lookup restricted
     * to regular pieces, ids >= 259, as the class comment explains), run once as
     * <pre>
     * python3 t.py ~/.cache/cape/stories15M/tokenizer.bin \
     *     "Once upon a time" "Hello, world! 123" "café 東京" "😀"
     * </pre>
     * with t.py:
     * <pre>
     * import struct,sys
     * d=open(sys.argv[1],'rb').read();o=4;V=[];S=[]
     * while o&lt;len(d):
     *  s,l=struct.unpack_from('&lt;fi',d,o);V.append(d[o+8:o+8+l]);S.append(s);o+=8+l
     * V[3:259]=[bytes([b]) for b in range(256)]
     * L={}
     * for i in range(259,len(V)):L.setdefault(V[i],i)
     * for text in sys.argv[2:]:
     *  b=text.encode();T=[1]+([L[b' ']] if b else []);i=0
     *  while i&lt;len(b):
     *   j=i+1
     *   while j&lt;len(b) and b[j]&amp;0xC0==0x80 and j-i&lt;4:j+=1
     *   T+=[L[b[i:j]]] if b[i:j] in L else [x+3 for x in b[i:j]];i=j
     *  while 1:
     *   c=[(S[L[V[T[k]]+V[T[k+1]]]],-k) for k in range(len(T)-1) if V[T[k]]+V[T[k+1]] in L]
     *   c=[x for x in c if x[0]&gt;-1e10]
     *   if not c:break
     *   k=-max(c)[1];T[k:k+2]=[L[V[T[k]]+V[T[k+1]]]]
     *  print(T)
     * </pre>
     * It prints [1, 9038, 2501, 263, 931], [1, 15043, 29892, 3186, 29991, 29871, 29896, 29906, 29941],
     * [1, 274, 28059, 29871, 30591, 30675], [1, 29871, 243, 162, 155, 131].
     * "Hello, world! 123" shows SentencePiece's Llama-2 conventions: digits split, a lone "▁" (29871) before "1".
     */
    @Test
    void encodesAsRunC() {
        Llama2cTokenizer t = Llama2cTokenizer.load(Stories15M.tokenizerBin(), 32000);
        assertArrayEquals(new int[] {1, 9038, 2501, 263, 931}, t.encode("Once upon a time", true));
        assertArrayEquals(new int[] {9038, 2501, 263, 931}, t.encode("Once upon a time", false));
        assertArrayEquals(new int[] {1, 15043, 29892, 3186, 29991, 29871, 29896, 29906, 29941},
                t.encode("Hello, world! 123", true));
        assertArrayEquals(new int[] {1, 274, 28059, 29871, 30591, 30675}, t.encode("café 東京", true));
        // U+1F600 is not in the vocabulary: byte fallback F0 9F 98 80 -> ids + 3
        assertArrayEquals(new int[] {1, 29871, 243, 162, 155, 131}, t.encode("😀", true));
    }

    @Test
    void roundTripsAsciiAndNonAsciiText() {
        Llama2cTokenizer t = Llama2cTokenizer.load(Stories15M.tokenizerBin());
        String[] texts = {"Once upon a time, there was a little girl named Lily.", "café 東京",
            "  two leading spaces\nand a newline\ttab", "Grüße, 😀 and ünïcödé!", "x", "1 + 2 = 3"};
        for (String s : texts) {
            assertEquals(s, t.decode(t.encode(s, true)), s);
            assertEquals(s, t.decode(t.encode(s, false)), s);
        }
    }

    @Test
    void decodesPiecesAsRunC() {
        Llama2cTokenizer t = Llama2cTokenizer.load(Stories15M.tokenizerBin());
        assertEquals(32000, t.vocabSize());
        assertEquals(OptionalInt.of(1), t.bosId());
        assertEquals(OptionalInt.of(2), t.eosId());
        assertEquals(27, t.maxTokenLength());
        assertEquals("Once", t.decodeNext(1, 9038));      // leading space dropped after BOS
        assertEquals(" upon", t.decodeNext(9038, 2501));
        assertEquals("", t.decodeNext(931, 2));            // EOS is skipped
        assertArrayEquals(new byte[] {(byte) 0xF0}, t.decodeBytes(29871, 243));
        assertEquals("\uFFFD", t.decodeNext(29871, 243)); // one byte of a 4-byte character
        assertEquals("😀", t.decode(new int[] {1, 29871, 243, 162, 155, 131}));
        assertEquals("Once upon a time", t.decode(new int[] {1, 9038, 2501, 263, 931, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.decode(new int[] {1, 32000}));
        assertTrue(e.getMessage().contains("[0, 32000): 32000"), e.getMessage());
    }
}
