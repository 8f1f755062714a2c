package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import dev.cape.inference.safetensors.SafetensorsCheckpoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The transformer loads from any {@link TensorStore} plus a config, not only from safetensors files: here a heap
 * store holding copies of the llama fixture's tensors (as a llama2.c reader would hand over its own).
 */
class AnyTensorStoreTest {

    /** A store over heap buffers. */
    private static final class HeapStore implements TensorStore {
        private final Map<String, TensorData> tensors = new HashMap<>();

        @Override
        public Set<String> names() {
            return tensors.keySet();
        }

        @Override
        public TensorData get(String name) {
            TensorData t = tensors.get(name);
            if (t == null) {
                throw new ModelLoadException("heap store has no tensor '" + name + "'");
            }
            return t;
        }

        @Override
        public void close() {
            tensors.clear();
        }
    }

    private static HeapStore copyOf(Path folder) {
        HeapStore heap = new HeapStore();
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(folder)) {
            for (String n : ckpt.names()) {
                TensorData t = ckpt.get(n);
                ByteBuffer copy = ByteBuffer.allocate(t.data().remaining()).order(ByteOrder.LITTLE_ENDIAN);
                copy.put(t.data().duplicate()).flip();
                heap.tensors.put(n, new TensorData(n, t.dtype(), t.shape(), copy));
            }
        }
        return heap;
    }

    @Test
    void heapStoreWithConfigGivesTheFixtureLogits() {
        Path folder = Fixtures.model("llama");
        JsonObject exp = Fixtures.expected(folder);
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        try (HeapStore store = copyOf(folder); LanguageModel m = LanguageModel.load(config, store, null)) {
            Logits logits = m.forward(ints(exp.get("input_ids")));
            JsonArray values = exp.getAsJsonObject("logits_last3").getAsJsonArray("values");
            JsonArray positions = exp.getAsJsonObject("logits_last3").getAsJsonArray("positions");
            for (int i = 0; i < values.size(); i++) {
                assertClose(floats(values.get(i)), logits.row(0, positions.get(i).getAsInt()), 1e-4, "position " + i);
            }
            assertTrue(m.tokenizer().isEmpty());
        }
    }

    @Test
    void missingTensorInAnyStoreIsNamed() {
        Path folder = Fixtures.model("llama");
        ModelConfig config = ModelConfig.read(folder.resolve("config.json"));
        try (HeapStore store = copyOf(folder)) {
            store.tensors.remove("model.layers.1.mlp.up_proj.weight");
            String m = assertThrows(ModelLoadException.class, () -> LanguageModel.load(config, store, null))
                    .getMessage();
            assertTrue(m.contains("no tensor 'model.layers.1.mlp.up_proj.weight' (expected shape [128, 64])"), m);
        }
    }
}
