package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Whatever bytes arrive, the import either reads them or throws one DataFormatException: random edits of a valid
 * file never surface another exception (no NumberFormatException, IllegalArgumentException, index error, ...).
 */
class CsvImporterFuzzTest {

    private static final String VALID = """
            model,family,params_b,hidden_size,MMLU,arc_c,TruthfulQA,notes,humaneval
            a/x-7b,F,7,4096,45.5,0.5,0.39,"quoted, with ""quotes""\",0.1
            a/x-13b,F,13B,5120,55,0.6,0.41,,
            b/y-350m,G,350M,,30.25,0.25,0.44,plain,0.0
            """;
    private static final byte[] ALPHABET = ",;\t\"\n\r .-+eE0123456789BMKT%abc\0".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void randomEditsOfAValidFileReadOrFailWithOneDataFormatException() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261124L);
        byte[] base = VALID.getBytes(StandardCharsets.UTF_8);
        int read = 0;
        int rejected = 0;
        for (int trial = 0; trial < 3000; trial++) {
            byte[] bytes = mutate(base, rng);
            try {
                CsvImporter.withDefaults().read(new ByteArrayInputStream(bytes), "fuzz.csv");
                read++;
            } catch (DataFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.csv"), e.getMessage());
                rejected++;
            } catch (RuntimeException e) {
                fail("trial " + trial + " threw " + e + " for input:\n" + new String(bytes, StandardCharsets.UTF_8), e);
            }
        }
        assertTrue(read > 100 && rejected > 100, "read " + read + ", rejected " + rejected);
    }

    private static byte[] mutate(byte[] base, UniformRandomProvider rng) {
        byte[] b = base.clone();
        int edits = 1 + rng.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = rng.nextInt(b.length);
            byte with = rng.nextInt(8) == 0 ? (byte) rng.nextInt(256) : ALPHABET[rng.nextInt(ALPHABET.length)];
            switch (rng.nextInt(3)) {
                case 0 -> b[at] = with;
                case 1 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = with;
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    if (b.length > 1) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        b = c;
                    }
                }
            }
        }
        return b;
    }
}
