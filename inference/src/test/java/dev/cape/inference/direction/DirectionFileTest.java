package dev.cape.inference.direction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.safetensors.SafetensorsFile;
import dev.cape.inference.safetensors.SafetensorsWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectionFileTest {

    @TempDir
    Path dir;

    static DirectionReport report() {
        LayerDirection l0 = new LayerDirection(0, new double[] {0.6, 0.8, 0}, 0.7, 0.75, 0.1, 1.5, 1.0,
                Map.of("mass-mean", 1.0));
        LayerDirection l1 = new LayerDirection(1, new double[] {0, 0, 1}, 0.9, 0.95, -0.2, 2.5, 1.0,
                Map.of("mass-mean", 1.0));
        return new DirectionReport(DirectionMethod.MASS_MEAN, List.of(l0, l1), 1, 10, 12, 42);
    }

    @Test
    void aSafetensorsFileOfAnotherKindIsRefused() {
        Path f = dir.resolve("other.safetensors");
        new SafetensorsWriter().add("weight", new long[] {2}, new float[] {1, 2}).write(f);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> DirectionFile.read(f));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
    }

    /** A file like {@code report()}'s with layer 1's vector and σ replaced and metadata entries edited. */
    Path edited(float[] layer1, double sigma1, Map<String, String> edits) {
        DirectionFile.Stored s = DirectionFile.of(report(), new DirectionFile.Provenance("m", "a", "d", "b", 0.5));
        Map<String, String> m = new java.util.HashMap<>(s.metadata());
        m.put("sigmas", "[1.5, " + sigma1 + "]");
        edits.forEach((k, v) -> {
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        Path f = dir.resolve("edited.safetensors");
        DirectionFile.write(new DirectionFile.Stored(Map.of(0, s.directions().get(0), 1, layer1), Map.of(0, 1.5, 1,
                sigma1), 1, m), f);
        return f;
    }

    static String refusal(Path f) {
        return assertThrows(ModelLoadException.class, () -> DirectionFile.read(f)).getMessage();
    }

    @Test
    void aVectorWithANonFiniteValueOrAllZerosIsRefusedNamingTheTensor() {
        String nan = refusal(edited(new float[] {0, Float.NaN, 1}, 2.5, Map.of()));
        assertTrue(nan.contains("edited.safetensors") && nan.contains("'direction.1' holds NaN at index 1"), nan);
        String zeros = refusal(edited(new float[] {0, 0, 0}, 2.5, Map.of()));
        assertTrue(zeros.contains("'direction.1' is all zeros"), zeros);
    }

    @Test
    void aNonPositiveOrNonFiniteSigmaIsRefusedNamingTheLayer() {
        for (double bad : new double[] {Double.NaN, -1, 0, Double.POSITIVE_INFINITY}) {
            String m = refusal(edited(new float[] {0, 0, 1}, bad, Map.of()));
            assertTrue(m.contains("metadata sigmas[1] (layer 1) is " + bad + "; expected a finite number > 0"), m);
        }
    }

    @Test
    void missingFormatOrLayerIsNamed() {
        java.util.Map<String, String> noFormat = new java.util.HashMap<>();
        noFormat.put("format", null);
        String f = refusal(edited(new float[] {0, 0, 1}, 2.5, noFormat));
        assertTrue(f.contains("has no metadata 'format'; expected cape-direction-v1"), f);
        java.util.Map<String, String> noLayer = new java.util.HashMap<>();
        noLayer.put("layer", null);
        String l = refusal(edited(new float[] {0, 0, 1}, 2.5, noLayer));
        assertTrue(l.contains("has no metadata 'layer'"), l);
    }

    @Test
    void aLayerNotInTheFileIsNamedWithTheFile() {
        Path f = edited(new float[] {0, 0, 1}, 2.5, Map.of());
        DirectionFile.Stored s = DirectionFile.read(f);
        assertEquals(1, DirectionFile.layer(s, 1, f).layer());
        String m = assertThrows(IllegalArgumentException.class, () -> DirectionFile.layer(s, 9, f)).getMessage();
        assertTrue(m.startsWith(f + ": no direction for layer 9; the file has layers [0, 1]"), m);
    }

    @Test
    void vectorsRoundTripWithTheirProvenance() {
        Path f = dir.resolve("v.safetensors");
        DirectionFile.Stored saved = DirectionFile.of(report(),
                new DirectionFile.Provenance("stories15M", "abc", "larger_than.csv", "def", 0.5));
        DirectionFile.write(saved, f);
        DirectionFile.Stored back = DirectionFile.read(f);
        assertEquals(1, back.layer());
        assertArrayEquals(new float[] {0.6f, 0.8f, 0}, back.directions().get(0));
        assertArrayEquals(new float[] {0, 0, 1}, back.directions().get(1));
        assertEquals(2.5, back.chosen().sigma(), 0.0);
        assertEquals(1.5, back.at(0).sigma(), 0.0);
        assertEquals(saved.metadata(), back.metadata());
        assertEquals("42", back.meta("split_seed"));
        assertEquals("mass-mean", back.meta("method"));
        assertEquals("def", back.meta("dataset_sha256"));
        assertEquals("default", back.meta("statement_bos"));
        assertThrows(IllegalArgumentException.class, () -> back.at(5));
    }

    @Test
    void theLayerReportIsRebuiltFromTheFile() {
        Path f = dir.resolve("r.safetensors");
        DirectionFile.write(DirectionFile.of(report(), new DirectionFile.Provenance("stories15M", "abc",
                "larger_than.csv", "def", 0.5)), f);
        DirectionReport back = DirectionFile.read(f).report().orElseThrow();
        DirectionReport r = report();
        assertEquals(r.method(), back.method());
        assertEquals(r.bestLayer(), back.bestLayer());
        assertEquals(List.of(r.nTrain(), r.nTest(), r.splitSeed()), List.of(back.nTrain(), back.nTest(),
                back.splitSeed()));
        for (int l = 0; l < 2; l++) {
            LayerDirection a = r.layers().get(l);
            LayerDirection b = back.layers().get(l);
            assertEquals(List.of(a.layer(), a.accuracy(), a.trainAccuracy(), a.threshold(), a.sigma(),
                    a.cosineToMassMean()), List.of(b.layer(), b.accuracy(), b.trainAccuracy(), b.threshold(),
                    b.sigma(), b.cosineToMassMean()));
            assertArrayEquals(a.unit(), b.unit(), 1e-7);
        }
    }

    @Test
    void aFileWithoutTrainAccuraciesStillHasItsCurve() {
        Path f = dir.resolve("old.safetensors");
        DirectionFile.Stored s = DirectionFile.of(report(), new DirectionFile.Provenance("m", "a", "d", "b", 0.5));
        Map<String, String> older = new java.util.HashMap<>(s.metadata());
        older.remove("train_accuracies");
        older.remove("cosines_to_mass_mean");
        DirectionFile.write(new DirectionFile.Stored(s.directions(), s.sigmas(), s.layer(), older), f);
        DirectionReport back = DirectionFile.read(f).report().orElseThrow();
        assertEquals(0.9, back.best().accuracy(), 0.0);
        assertTrue(Double.isNaN(back.best().trainAccuracy()));
    }

    @Test
    void aFileWithSomeLayersOnlyHasNoCurve() {
        DirectionFile.Stored s = DirectionFile.of(report(), new DirectionFile.Provenance("m", "a", "d", "b", 0.5));
        Map<String, String> m = new java.util.HashMap<>(s.metadata());
        m.put("accuracies", "[0.9]");
        m.put("thresholds", "[-0.2]");
        m.put("sigmas", "[2.5]");
        DirectionFile.Stored one = new DirectionFile.Stored(Map.of(1, s.directions().get(1)), Map.of(1, 2.5), 1, m);
        assertTrue(one.report().isEmpty());
        m.put("accuracies", "[0.9, \"x\"]");
        assertTrue(new DirectionFile.Stored(s.directions(), s.sigmas(), 1, m).report().isEmpty());
    }

    @Test
    void statementsWithoutBosAreRecorded() {
        Path f = dir.resolve("nobos.safetensors");
        DirectionFile.write(DirectionFile.of(report(), new DirectionFile.Provenance("stories15M", "abc",
                "larger_than.csv", "def", 0.5, StatementBos.NONE)), f);
        assertEquals("none", DirectionFile.read(f).meta("statement_bos"));
    }

    @Test
    void writerOutputParsesWithTheReaderBitForBit() throws Exception {
        Path f = dir.resolve("t.safetensors");
        float[] data = {1.5f, -0f, Float.MIN_VALUE, 3e38f, 7, 8};
        new SafetensorsWriter().metadata("k", "v").add("a", new long[] {2, 3}, data).add("b", new long[] {1},
                new float[] {9}).write(f);
        byte[] bytes = Files.readAllBytes(f);
        long headerLen = java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, headerLen % 8, "header padded to 8 bytes");
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
            assertEquals("v", sf.metadata().get("k"));
            assertArrayEquals(new long[] {2, 3}, sf.shape("a"));
            var fb = sf.get("a").data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] back = new float[6];
            fb.get(back);
            assertArrayEquals(data, back);
        }
    }
}
