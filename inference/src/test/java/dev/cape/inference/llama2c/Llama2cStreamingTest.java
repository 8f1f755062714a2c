package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cape.inference.generate.StreamingDecoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamingDecoder} on stories15M's tokenizer, whose non-ASCII characters fall back to byte tokens: streamed
 * pieces never split a character, and together they are the decoded continuation.
 */
class Llama2cStreamingTest {

    @Test
    void multiByteCharactersAreHeldBackUntilComplete() {
        Llama2cTokenizer t = Llama2cTokenizer.load(Stories15M.tokenizerBin(), 32000);
        int[] all = t.encode("Once upon a time there was a café 😀 named Zoë.", true);
        int promptLength = 5;  // BOS + "Once upon a time"
        int[] prompt = Arrays.copyOf(all, promptLength);
        StreamingDecoder decoder = new StreamingDecoder(t, prompt);
        StringBuilder streamed = new StringBuilder();
        int emptyPushes = 0;
        for (int i = promptLength; i < all.length; i++) {
            String piece = decoder.push(all[i]);
            assertFalse(piece.contains("\uFFFD"), "piece " + i + " splits a character: " + piece);
            emptyPushes += piece.isEmpty() ? 1 : 0;
            streamed.append(piece);
        }
        assertEquals(" there was a café 😀 named Zoë.", streamed.toString());
        assertEquals(streamed.toString(), decoder.text());
        // 😀 is 4 byte tokens, so at least 3 pushes completed nothing
        assertEquals(true, emptyPushes >= 3, "empty pushes " + emptyPushes);
    }

    @Test
    void aContinuationKeepsTheSpaceBeforeItsFirstWord() {
        Llama2cTokenizer t = Llama2cTokenizer.load(Stories15M.tokenizerBin(), 32000);
        int[] prompt = t.encode("The sun is", true);
        int[] all = t.encode("The sun is shining", true);
        int[] next = Arrays.copyOfRange(all, prompt.length, all.length);
        assertEquals("shining", t.decode(next), "decoded alone, the first piece loses its space");
        assertEquals(" shining", t.decodeContinuation(prompt, next));
        assertEquals("The sun is shining", t.decodeContinuation(new int[0], all));
    }
}
