package dev.cape.inference.direction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cape.inference.llama2c.Llama2cTokenizer;
import dev.cape.inference.steer.Stories15MModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementBosTest {

    @Test
    void parseRejectsUnknownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatementBos.parse("maybe"));
        assertEquals("unknown BOS setting 'maybe', expected default or none", e.getMessage());
    }

    @Test
    void idsRoundTrip() {
        for (StatementBos b : StatementBos.values()) {
            assertEquals(b, StatementBos.parse(b.id()));
        }
    }

    /**
     * stories15M's tokenizer.bin on {@code larger_than} statements, with and without BOS. Expected ids from an
     * independent Python port of llama2.c's {@code run.c encode} (dummy prefix " ", per-code-point lookup with byte
     * fallback, merge of the best-scoring pair), which agreed with our tokenizer on all 1980 statements of the file
     * with and without BOS and trailing period.
     */
    @Test
    void statementsEncodeAsRunCDoesWithAndWithoutBos() {
        Path bin = Stories15MModel.tokenizer();
        Llama2cTokenizer tok = Llama2cTokenizer.load(bin);
        List<String> texts = List.of("Fifty-one is larger than fifty-two.", "Ninety-nine is larger than fifty-one.",
                "Seventy-three is larger than eighty.");
        int[][] bare = {
            {29008, 1017, 29899, 650, 338, 7200, 1135, 19044, 29899, 10184, 29889},
            {27960, 3305, 29899, 29876, 457, 338, 7200, 1135, 19044, 29899, 650, 29889},
            {922, 794, 29891, 29899, 17536, 338, 7200, 1135, 9475, 29891, 29889}};
        List<int[]> none = ActivationCollector.encode(tok, texts, StatementBos.NONE);
        List<int[]> dflt = ActivationCollector.encode(tok, texts, StatementBos.TOKENIZER_DEFAULT);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(bare[i], none.get(i), texts.get(i));
            int[] withBos = new int[bare[i].length + 1];
            withBos[0] = Llama2cTokenizer.BOS_ID;
            System.arraycopy(bare[i], 0, withBos, 1, bare[i].length);
            assertArrayEquals(withBos, dflt.get(i), "llama2.c convention: BOS first; " + texts.get(i));
        }
    }
}
