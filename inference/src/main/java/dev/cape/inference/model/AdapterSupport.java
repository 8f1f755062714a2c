package dev.cape.inference.model;

import dev.cape.inference.model.ModelSpec.Activation;
import dev.cape.inference.model.ModelSpec.Rope;
import dev.cape.inference.model.ModelSpec.RopeScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Config readings shared by the architecture adapters: activations, RoPE and its scaling, special token ids. */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /** The activation named by the first present key ({@code hidden_act}, {@code activation_function}, ...). */
    public static Activation activation(ModelConfig config, Activation defaultValue, String... keys) {
        for (String key : keys) {
            Optional<String> name = config.optString(key);
            if (name.isPresent()) {
                return switch (name.get().toLowerCase(Locale.ROOT)) {
                    case "silu", "swish" -> Activation.SILU;
                    case "gelu" -> Activation.GELU;
                    case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> Activation.GELU_TANH;
                    case "relu" -> Activation.RELU;
                    default -> throw config.invalid(key, "is '" + name.get()
                            + "', expected one of silu, gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu");
                };
            }
        }
        return defaultValue;
    }

    /**
     * RoPE from {@code rope_theta} and {@code rope_scaling} ({@code rope_type} or the old key {@code type}: default,
     * linear, llama3; others are refused).
     */
    public static Rope rope(ModelConfig config, double theta, int rotaryDim) {
        Optional<ModelConfig> scaling = config.optObject("rope_scaling");
        if (scaling.isEmpty()) {
            return Rope.plain(theta, rotaryDim);
        }
        ModelConfig s = scaling.get();
        String type = s.optString("rope_type").or(() -> s.optString("type")).orElseThrow(
                () -> config.invalid("rope_scaling", "has neither 'rope_type' nor 'type'"));
        return switch (type) {
            case "default" -> Rope.plain(theta, rotaryDim);
            case "linear" -> new Rope(theta, rotaryDim, RopeScaling.LINEAR, s.requireDouble("factor"), 0, 0, 0);
            case "llama3" -> new Rope(theta, rotaryDim, RopeScaling.LLAMA3, s.requireDouble("factor"),
                    s.requireDouble("low_freq_factor"), s.requireDouble("high_freq_factor"),
                    s.requireInt("original_max_position_embeddings"));
            default -> throw config.invalid("rope_scaling", "has type '" + type
                    + "', which is not supported (supported: default, linear, llama3)");
        };
    }

    /**
     * The head size: {@code head_dim} when the config has it (where {@code explicitHeadDim}), else
     * {@code hidden / heads}. Refuses a head count that is not positive or does not divide the hidden size, and a
     * head size that is not positive, naming the config fields rather than failing later on a division.
     */
    public static int headDim(ModelConfig config, String hiddenKey, int hidden, String headsKey, int heads,
                              boolean explicitHeadDim) {
        if (heads <= 0) {
            throw config.invalid(headsKey, "is " + heads + ", expected an integer > 0");
        }
        if (explicitHeadDim && config.has("head_dim")) {
            int headDim = config.requireInt("head_dim");
            if (headDim <= 0) {
                throw config.invalid("head_dim", "is " + headDim + ", expected an integer > 0");
            }
            return headDim;
        }
        if (hidden <= 0) {
            throw config.invalid(hiddenKey, "is " + hidden + ", expected an integer > 0");
        }
        if (hidden % heads != 0) {
            throw config.invalid(headsKey, "is " + heads + ", which does not divide " + hiddenKey + " (" + hidden
                    + "); expected a divisor of " + hiddenKey + (explicitHeadDim ? " or an explicit head_dim" : ""));
        }
        return hidden / heads;
    }

    /** Rotary dimension {@code int(headDim · factor)}, as HF computes it. */
    public static int rotaryDim(int headDim, double factor) {
        return (int) (headDim * factor);
    }

    /** Sets BOS/EOS ids from {@code bos_token_id} and {@code eos_token_id} (an int or a list). */
    public static ModelSpec.Builder tokens(ModelSpec.Builder b, ModelConfig config) {
        List<Integer> eos = new ArrayList<>(config.optIntList("eos_token_id"));
        return b.tokens(config.optInt("bos_token_id"), eos);
    }

    /** Refuses a config whose flag is set to a value the runtime does not implement. */
    public static void refuseIf(ModelConfig config, String key, boolean value, boolean defaultValue, String why) {
        if (config.optBoolean(key, defaultValue) == value) {
            throw config.invalid(key, "is " + value + ", which is not supported: " + why);
        }
    }
}
