package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cape.app.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged model folders, llama2.c files and direction files through the model commands: exit code and one line. */
class BadModelCliTest {

    @TempDir
    Path dir;

    /** A copy of the tiny GPT-2 fixture whose config.json is edited by {@code edit}. */
    private Path gpt2With(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path src = TestData.gpt2();
        Path copy = Files.createDirectories(dir.resolve("gpt2"));
        for (String f : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(src.resolve(f), copy.resolve(f));
        }
        Path config = copy.resolve("config.json");
        Files.writeString(config, edit.apply(Files.readString(config)));
        return copy;
    }

    @Test
    void zeroAttentionHeadsIsBadDataNotAnInternalError() throws IOException {
        Path m = gpt2With(c -> c.replaceAll("\"n_head\": \\d+", "\"n_head\": 0"));
        CliRun.of("forward", "--model", m.toString(), "--ids", "1,2").assertOneLine(CapeCommand.EXIT_BAD_DATA,
                m.resolve("config.json") + ": field 'n_head' is 0, expected an integer > 0");
    }

    @Test
    void invalidConfigJsonIsOneLine() throws IOException {
        Path m = gpt2With(c -> c.replaceFirst("\"n_embd\": 64", "\"n_embd\": "));
        CliRun.of("forward", "--model", m.toString(), "--ids", "1,2").assertOneLine(CapeCommand.EXIT_BAD_DATA,
                m.resolve("config.json") + " is not valid JSON: unexpected value at line 14 column 14 "
                        + "(path $.n_embd)");
    }

    @Test
    void truncatedLlama2cModelSaysTruncatedNotPickle() throws IOException {
        // header: dim 8, hidden_dim 16, 1 layer, 2 heads, 2 kv heads, vocab 4 (shared classifier), seq_len 4
        ByteBuffer b = ByteBuffer.allocate(28 + 64).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : new int[] {8, 16, 1, 2, 2, 4, 4}) {
            b.putInt(v);
        }
        Path bin = Files.write(dir.resolve("model.bin"), b.array());
        CliRun.of("forward", "--model", bin.toString(), "--ids", "1").assertOneLine(CapeCommand.EXIT_BAD_DATA,
                bin + ": not a loadable llama2.c model.bin: truncated llama2.c checkpoint: 92 bytes, expected");
    }

    @Test
    void directionOfAnotherWidthNamesTheFileAndTheTensor() {
        Path vec = dir.resolve("v.safetensors");
        CliRun d = CliRun.of("direction", "--model", TestData.gpt2().toString(), "--data",
                TestData.wordStatements(dir).toString(), "--out", vec.toString());
        assertEquals(0, d.exitCode(), d.err());
        Path gemma = TestData.gpt2().resolveSibling("gemma");
        CliRun run = CliRun.of("steer", "--model", gemma.toString(), "--vector", vec.toString(), "--layer", "1",
                "--alpha", "1", "--prompt", "the", "--max-tokens", "2");
        run.assertOneLine(CapeCommand.EXIT_BAD_DATA, vec + ": tensor 'direction.1' has 64 values; expected 48");
    }

    @Test
    void nonFiniteAlphaIsRefusedBeforeAnythingIsLoaded() {
        CliRun run = CliRun.of("steer", "--model", dir.resolve("absent").toString(), "--vector",
                dir.resolve("absent.safetensors").toString(), "--eval", "bundled:larger_than", "--alphas", "0,NaN");
        run.assertOneLine(CapeCommand.EXIT_USAGE, "--alpha/--alphas must be finite numbers: NaN");
    }
}
