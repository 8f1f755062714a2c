package dev.cape.inference.model;

import java.util.Locale;

/**
 * The element type a model's weights, activations and KV cache are held in ({@code --dtype}). Norm statistics,
 * attention softmax and the final logits are computed in float32 whatever the choice (see inference/README.md, 'GPU').
 *
 * <p>{@link #AUTO} resolves to {@link #FLOAT32} on the CPU and to {@link #FLOAT16} on a GPU. {@link #BFLOAT16} is
 * accepted by the parser but refused at load: DJL 0.36's PyTorch JNI has no bfloat16 in its data-type table, and any
 * bfloat16 tensor (created from bytes, empty, or converted with {@code toType}) ends the JVM with
 * {@code std::terminate} ("terminate called without an active exception"), which no Java code can catch.
 */
public enum ModelDtype {
    AUTO, FLOAT32, BFLOAT16, FLOAT16;

    /**
     * The dtype for a name: {@code auto}, {@code float32}/{@code f32}, {@code bfloat16}/{@code bf16},
     * {@code float16}/{@code f16}/{@code half} (case-insensitive; null means auto).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ModelDtype parse(String name) {
        if (name == null) {
            return AUTO;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "float32", "f32", "fp32" -> FLOAT32;
            case "bfloat16", "bf16" -> BFLOAT16;
            case "float16", "f16", "fp16", "half" -> FLOAT16;
            default -> throw new IllegalArgumentException("dtype must be auto, float32, bfloat16 or float16: " + name);
        };
    }

    /**
     * The concrete dtype a model is loaded in.
     *
     * @param gpu    whether the device is a GPU
     * @param stored the element type of the checkpoint's weights (its half type when it has one)
     * @throws IllegalArgumentException for {@link #BFLOAT16}, which this runtime cannot hold (see the class comment)
     */
    public ModelDtype resolve(boolean gpu, DType stored) {
        ModelDtype d = this;
        if (d == AUTO) {
            // GPU: keep half precision; a BF16 (or F32) checkpoint is narrowed to float16, as bfloat16 is unavailable
            d = gpu ? FLOAT16 : FLOAT32;
        }
        if (d == BFLOAT16) {
            throw new IllegalArgumentException("dtype bfloat16 is not supported by this runtime: DJL 0.36's PyTorch"
                    + " JNI has no bfloat16 tensors (creating one ends the JVM)" + (stored == DType.BF16
                    ? "; this BF16 checkpoint loads as float16 (--dtype float16) or widened exactly to float32"
                    + " (--dtype float32)" : "; use --dtype float16 or float32"));
        }
        return d;
    }

    /** The name used in options and messages ({@code float32}, {@code float16}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bytes per weight value of a resolved dtype. */
    public int bytes() {
        return this == FLOAT32 ? 4 : 2;
    }
}
