package dev.cape.inference.direction;

import dev.cape.inference.safetensors.SafetensorsWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a llama.cpp control vector: a GGUF v3 file with {@code general.architecture = "controlvector"},
 * {@code controlvector.model_hint} (string), {@code controlvector.layer_count} (int32, the number of direction tensors,
 * as llama.cpp's own writer and repeng set it) and one F32 tensor {@code direction.N} of shape {@code [d_model]} per
 * layer, data aligned to 32 bytes.
 * <p>
 * Layer numbering: llama.cpp's loader ({@code common_control_vector_load_one}) puts {@code direction.N} into slot N
 * and {@code llama_adapter_cvec::apply_to(ctx, cur, il)} adds slot {@code il} to the output of block {@code il}
 * ({@code l_out}, 0-based) — our {@code blocks.N.hook_resid_post}. Slot 0 is never loaded ("buffer doesn't have data
 * for layer 0"), so a direction at block 0 cannot be expressed and is refused. Each tensor holds σ·v̂, so
 * {@code --control-vector-scaled FILE α} in llama.cpp adds α·σ·v̂ as {@code cape steer --alpha α} does.
 */
public final class GgufControlVector {

    static final int GGUF_MAGIC = 0x46554747;   // "GGUF" little-endian
    static final int VERSION = 3;
    static final int TYPE_INT32 = 5;
    static final int TYPE_STRING = 8;
    static final int GGML_F32 = 0;
    static final int ALIGNMENT = 32;

    private GgufControlVector() {
    }

    /** The file for the given vectors, by block index (each ≥ 1), each scaled by its σ. */
    public static byte[] toBytes(Map<Integer, float[]> vectors, String modelHint) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("no vectors to export");
        }
        Map<Integer, float[]> sorted = new TreeMap<>(vectors);
        int d = -1;
        for (Map.Entry<Integer, float[]> e : sorted.entrySet()) {
            if (e.getKey() < 1) {
                throw new IllegalArgumentException("layer " + e.getKey() + " cannot be exported: llama.cpp control "
                        + "vectors have no slot for the output of block 0 (direction.0 is never loaded)");
            }
            if (d >= 0 && e.getValue().length != d) {
                throw new IllegalArgumentException("vectors differ in width: " + d + " and " + e.getValue().length);
            }
            d = e.getValue().length;
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        Out out = new Out(head);
        out.u32(GGUF_MAGIC);
        out.u32(VERSION);
        out.u64(sorted.size());   // tensors
        out.u64(3);               // metadata entries
        out.string("general.architecture");
        out.u32(TYPE_STRING);
        out.string("controlvector");
        out.string("controlvector.model_hint");
        out.u32(TYPE_STRING);
        out.string(modelHint);
        out.string("controlvector.layer_count");
        out.u32(TYPE_INT32);
        out.u32(sorted.size());
        long offset = 0;
        long tensorBytes = 4L * d;
        long stride = (tensorBytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        for (int layer : sorted.keySet()) {
            out.string("direction." + layer);
            out.u32(1);           // n_dims
            out.u64(d);           // ne[0]
            out.u32(GGML_F32);
            out.u64(offset);
            offset += stride;
        }
        int pad = (int) ((ALIGNMENT - head.size() % ALIGNMENT) % ALIGNMENT);
        for (int i = 0; i < pad; i++) {
            head.write(0);
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(offset)).order(ByteOrder.LITTLE_ENDIAN);
        int k = 0;
        for (float[] v : sorted.values()) {
            data.position(Math.toIntExact(k * stride));
            for (float f : v) {
                data.putFloat(f);
            }
            k++;
        }
        byte[] h = head.toByteArray();
        byte[] all = new byte[h.length + data.capacity()];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(data.array(), 0, all, h.length, data.capacity());
        return all;
    }

    /**
     * Exports a direction file: its chosen layer, or every layer from 1 on with {@code allLayers}; each tensor is
     * σ_L · v̂_L.
     */
    public static Map<Integer, float[]> scaledVectors(DirectionFile.Stored stored, boolean allLayers) {
        return scaledVectors(stored, allLayers, stored.layer());
    }

    /** As {@link #scaledVectors(DirectionFile.Stored, boolean)} with {@code layer} in place of the chosen one. */
    public static Map<Integer, float[]> scaledVectors(DirectionFile.Stored stored, boolean allLayers, int layer0) {
        stored.at(layer0);   // fails naming the stored layers
        Map<Integer, float[]> out = new TreeMap<>();
        for (int layer : stored.directions().keySet()) {
            if (layer >= 1 && (allLayers || layer == layer0)) {
                out.put(layer, stored.at(layer).delta(1.0));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("layer " + layer0 + " cannot be exported: llama.cpp control vectors "
                    + "have no slot for the output of block 0; export another layer with --layer");
        }
        return out;
    }

    public static void write(Map<Integer, float[]> vectors, String modelHint, Path file) {
        SafetensorsWriter.writeAtomically(file, toBytes(vectors, modelHint));
    }

    private static final class Out {
        private final ByteArrayOutputStream s;

        Out(ByteArrayOutputStream s) {
            this.s = s;
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                s.write((int) (v >>> (8 * i)) & 0xff);
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                s.write((int) (v >>> (8 * i)) & 0xff);
            }
        }

        void string(String v) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            s.write(b, 0, b.length);
        }
    }
}
