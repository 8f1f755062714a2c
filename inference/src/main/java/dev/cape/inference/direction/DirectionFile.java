package dev.cape.inference.direction;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.cape.inference.model.DType;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.safetensors.SafetensorsFile;
import dev.cape.inference.safetensors.SafetensorsWriter;
import dev.cape.inference.steer.SteeringVector;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Direction vectors in a safetensors file: one F32 tensor {@code direction.L} of shape {@code [d_model]} per layer L
 * (a unit vector in {@code blocks.L.hook_resid_post}), and string metadata with their provenance:
 * {@code format} ({@code cape-direction-v1}), {@code model_id}, {@code model_sha256}, {@code hook}, {@code method},
 * {@code layer} (the chosen layer), {@code sigma} (σ at that layer), {@code sigmas}, {@code thresholds},
 * {@code accuracies} (held-out), {@code train_accuracies} and {@code cosines_to_mass_mean} (JSON arrays over the
 * stored layers, in layer order), {@code dataset}, {@code dataset_sha256},
 * {@code split_seed}, {@code test_share}, {@code n_train}, {@code n_test}.
 */
public final class DirectionFile {

    public static final String FORMAT = "cape-direction-v1";

    /**
     * A loaded (or to be saved) file.
     *
     * @param directions unit vectors by layer
     * @param sigmas     σ by layer
     * @param layer      the chosen layer
     * @param metadata   every metadata entry, as stored
     */
    public record Stored(Map<Integer, float[]> directions, Map<Integer, Double> sigmas, int layer,
            Map<String, String> metadata) {

        public Stored {
            directions = new TreeMap<>(directions);
            sigmas = new TreeMap<>(sigmas);
            metadata = Map.copyOf(metadata);
            if (!directions.containsKey(layer) || !sigmas.containsKey(layer)) {
                throw new IllegalArgumentException("the chosen layer " + layer + " has no direction or sigma");
            }
        }

        /** The steering vector at the chosen layer. */
        public SteeringVector chosen() {
            return at(layer);
        }

        /** The steering vector at {@code l}; fails naming the layers stored. */
        public SteeringVector at(int l) {
            float[] v = directions.get(l);
            if (v == null) {
                throw new IllegalArgumentException("no direction for layer " + l + "; the file has layers "
                        + directions.keySet());
            }
            return new SteeringVector(l, v, sigmas.get(l));
        }

        public String meta(String key) {
            return metadata.getOrDefault(key, "");
        }

        /** The per-layer report the file was written from, when it stores every layer with its accuracies. */
        public java.util.Optional<DirectionReport> report() {
            return StoredReport.from(this);
        }
    }

    /**
     * Provenance written with the vectors; {@code bos} is how the statements were encoded (metadata
     * {@code statement_bos}: {@code default} or {@code none}); {@code itemLimit} the number of items drawn from the
     * data set with the split seed before splitting (metadata {@code item_limit}; 0: all items), so an evaluation on
     * the same data can rebuild the same subset and score only its held-out items.
     */
    public record Provenance(String modelId, String modelSha256, String dataset, String datasetSha256,
            double testShare, StatementBos bos, int itemLimit) {

        public Provenance(String modelId, String modelSha256, String dataset, String datasetSha256,
                double testShare, StatementBos bos) {
            this(modelId, modelSha256, dataset, datasetSha256, testShare, bos, 0);
        }

        /** Statements with BOS by the tokenizer's convention, all items. */
        public Provenance(String modelId, String modelSha256, String dataset, String datasetSha256, double testShare) {
            this(modelId, modelSha256, dataset, datasetSha256, testShare, StatementBos.TOKENIZER_DEFAULT);
        }
    }

    private DirectionFile() {
    }

    /** The vectors of a report, with its provenance. */
    public static Stored of(DirectionReport report, Provenance p) {
        Map<Integer, float[]> dirs = new LinkedHashMap<>();
        Map<Integer, Double> sigmas = new LinkedHashMap<>();
        JsonArray s = new JsonArray();
        JsonArray t = new JsonArray();
        JsonArray a = new JsonArray();
        JsonArray train = new JsonArray();
        JsonArray cos = new JsonArray();
        for (LayerDirection d : report.layers()) {
            dirs.put(d.layer(), Vectors.toFloat(d.unit()));
            sigmas.put(d.layer(), d.sigma());
            s.add(d.sigma());
            t.add(d.threshold());
            a.add(d.accuracy());
            train.add(d.trainAccuracy());
            cos.add(d.cosineToMassMean());
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("model_id", p.modelId());
        m.put("model_sha256", p.modelSha256());
        m.put("hook", "blocks.{L}.hook_resid_post");
        m.put("method", report.method().id());
        m.put("layer", Integer.toString(report.bestLayer()));
        m.put("sigma", Double.toString(report.best().sigma()));
        m.put("sigmas", s.toString());
        m.put("thresholds", t.toString());
        m.put("accuracies", a.toString());
        m.put("train_accuracies", train.toString());
        m.put("cosines_to_mass_mean", cos.toString());
        m.put("dataset", p.dataset());
        m.put("dataset_sha256", p.datasetSha256());
        m.put("split_seed", Long.toString(report.splitSeed()));
        m.put("test_share", Double.toString(p.testShare()));
        m.put("item_limit", Integer.toString(Math.max(0, p.itemLimit())));
        m.put("statement_bos", p.bos().id());
        m.put("n_train", Integer.toString(report.nTrain()));
        m.put("n_test", Integer.toString(report.nTest()));
        return new Stored(dirs, sigmas, report.bestLayer(), m);
    }

    /** Writes {@code v} to {@code file} (atomically). */
    public static void write(Stored v, Path file) {
        SafetensorsWriter w = new SafetensorsWriter();
        v.metadata().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> w.metadata(e.getKey(), e.getValue()));
        for (Map.Entry<Integer, float[]> e : v.directions().entrySet()) {
            w.add("direction." + e.getKey(), new long[] {e.getValue().length}, e.getValue());
        }
        w.write(file);
    }

    /** Reads a direction file; fails naming the file and the field when it is not one. */
    public static Stored read(Path file) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            Map<String, String> m = f.metadata();
            if (!FORMAT.equals(m.get("format"))) {
                throw new ModelLoadException(file + (m.containsKey("format") ? ": metadata format is '"
                        + m.get("format") + "'" : ": has no metadata 'format'") + "; expected " + FORMAT
                        + " (a file written by cape direction)");
            }
            Map<Integer, float[]> dirs = new TreeMap<>();
            for (String name : f.names()) {
                if (!name.startsWith("direction.")) {
                    continue;
                }
                int layer;
                try {
                    layer = Integer.parseInt(name.substring("direction.".length()));
                } catch (NumberFormatException e) {
                    throw new ModelLoadException(file + ": tensor " + name + " is not direction.<layer>", e);
                }
                TensorData t = f.get(name);
                if (t.dtype() != DType.F32 || t.shape().length != 1) {
                    throw new ModelLoadException(file + ": tensor " + name + " must be a 1-d F32 vector, is "
                            + t.dtype() + " " + java.util.Arrays.toString(t.shape()));
                }
                FloatBuffer fb = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                requireDirection(v, name, file);
                dirs.put(layer, v);
            }
            if (dirs.isEmpty()) {
                throw new ModelLoadException(file + ": no direction.<layer> tensors");
            }
            double[] sig = doubles(m, "sigmas", file);
            if (sig.length != dirs.size()) {
                throw new ModelLoadException(file + ": metadata sigmas has " + sig.length + " values for " + dirs.size()
                        + " directions");
            }
            Map<Integer, Double> sigmas = new TreeMap<>();
            int i = 0;
            for (int layer : dirs.keySet()) {
                double s = sig[i++];
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw new ModelLoadException(file + ": metadata sigmas[" + (i - 1) + "] (layer " + layer + ") is "
                            + s + "; expected a finite number > 0");
                }
                sigmas.put(layer, s);
            }
            if (!m.containsKey("layer")) {
                throw new ModelLoadException(file + ": has no metadata 'layer'; expected the chosen layer");
            }
            int layer;
            try {
                layer = Integer.parseInt(m.get("layer"));
            } catch (NumberFormatException e) {
                throw new ModelLoadException(file + ": metadata layer is not an integer: '" + m.get("layer") + "'", e);
            }
            if (!dirs.containsKey(layer)) {
                throw new ModelLoadException(file + ": metadata layer " + layer + " has no direction tensor");
            }
            return new Stored(dirs, sigmas, layer, m);
        }
    }

    /** Refuses a stored direction that cannot steer: a non-finite value, or all zeros. */
    private static void requireDirection(float[] v, String name, Path file) {
        double norm = 0;
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                throw new ModelLoadException(file + ": tensor '" + name + "' holds " + v[k] + " at index " + k
                        + "; expected finite values");
            }
            norm += (double) v[k] * v[k];
        }
        if (norm == 0) {
            throw new ModelLoadException(file + ": tensor '" + name + "' is all zeros; expected a direction "
                    + "(norm > 0)");
        }
    }

    /** The vector at layer {@code l} of {@code s}, read from {@code file}; fails naming the file and its layers. */
    public static SteeringVector layer(Stored s, int l, Path file) {
        if (!s.directions().containsKey(l)) {
            throw new IllegalArgumentException(file + ": no direction for layer " + l + "; the file has layers "
                    + s.directions().keySet());
        }
        return s.at(l);
    }

    /** Metadata value parsed as a JSON array of numbers. */
    public static double[] doubles(Map<String, String> m, String key, Path file) {
        String raw = m.get(key);
        if (raw == null) {
            throw new ModelLoadException(file + ": metadata lacks " + key);
        }
        try {
            JsonArray arr = JsonParser.parseString(raw).getAsJsonArray();
            double[] out = new double[arr.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = arr.get(i).getAsDouble();
            }
            return out;
        } catch (RuntimeException e) {
            throw new ModelLoadException(file + ": metadata " + key + " is not a JSON array of numbers: "
                    + raw.substring(0, Math.min(60, raw.length())).toLowerCase(Locale.ROOT), e);
        }
    }
}
