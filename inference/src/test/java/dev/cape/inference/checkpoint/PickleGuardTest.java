package dev.cape.inference.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.model.ModelLoadException;

import dev.cape.inference.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PickleGuardTest {

    @TempDir
    Path dir;

    private Path file(String name, byte... content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] pickleProtocol2() {
        // the first bytes torch.save wrote before PyTorch 1.6: PROTO 2, then a pickled int (BININT1 0x0a) and so on
        byte[] b = new byte[4096];
        b[0] = (byte) 0x80;
        b[1] = 0x02;
        b[2] = 0x4b;
        b[3] = 0x0a;
        return b;
    }

    private static byte[] zipHeader() {
        byte[] b = new byte[4096];
        b[0] = 'P';
        b[1] = 'K';
        b[2] = 3;
        b[3] = 4;
        return b;
    }

    @Test
    void refusesPickledBinWithReasonAndConversion() throws IOException {
        Path f = file("pytorch_model.bin", pickleProtocol2());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PickleGuard.requireSafe(f));
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()) && m.contains("pickle, protocol 2") && m.contains("arbitrary code")
                && m.contains("safetensors") && m.contains("save_pretrained"), m);
    }

    @Test
    void refusesZipCheckpoints() throws IOException {
        Path bin = file("pytorch_model.bin", zipHeader());
        assertTrue(PickleGuard.refusal(bin).orElseThrow().contains("zip archive"));
        Path pt = file("model.pt", zipHeader());
        String m = PickleGuard.refusal(pt).orElseThrow();
        assertTrue(m.contains("zip archive") && m.contains("arbitrary code"), m);
    }

    @Test
    void refusesTorchExtensionsWhateverTheContent() throws IOException {
        for (String name : new String[] {"a.pt", "b.PTH", "c.ckpt", "d.pkl", "e.pickle"}) {
            Path f = file(name, Fixtures.tinyLlama2c());
            assertTrue(PickleGuard.refusal(f).orElseThrow().contains("refusing a PyTorch/pickle checkpoint"), name);
        }
    }

    @Test
    void truncatedLlama2cBinIsRefusedWithItsHeaderProblemNotAsAPickle() throws IOException {
        byte[] full = Fixtures.tinyLlama2c();
        byte[] truncated = java.util.Arrays.copyOf(full, 100);
        Path f = file("model.bin", truncated);
        String m = PickleGuard.refusal(f).orElseThrow();
        assertTrue(m.startsWith(f + ": not a loadable llama2.c model.bin: truncated llama2.c checkpoint: 100 bytes, "
                + "expected " + full.length), m);
        assertTrue(m.contains("dim=") && !m.contains("unpickling"), m);
    }

    @Test
    void binWithAbsurdHeaderNamesTheField() throws IOException {
        byte[] b = Fixtures.tinyLlama2c();
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(12, 0);  // n_heads
        String m = PickleGuard.refusal(file("model.bin", b)).orElseThrow();
        assertTrue(m.contains("header field n_heads must be > 0: 0"), m);
    }

    @Test
    void unreadableBinIsAModelLoadException() {
        Path missing = dir.resolve("missing.bin");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> PickleGuard.refusal(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void acceptsLlama2cBinAndSafetensors() throws IOException {
        assertEquals(Optional.empty(), PickleGuard.refusal(file("model.bin", Fixtures.tinyLlama2c())));
        // a safetensors header length of 0x0280 starts with the pickle bytes 80 02: never sniffed
        byte[] safetensors = new byte[16];
        safetensors[0] = (byte) 0x80;
        safetensors[1] = 0x02;
        assertEquals(Optional.empty(), PickleGuard.refusal(file("model.safetensors", safetensors)));
        PickleGuard.requireSafe(file("config.json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
