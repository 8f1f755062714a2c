package dev.cape.inference.model;

import dev.cape.inference.model.gemma.GemmaWeights;
import dev.cape.inference.model.gpt2.Gpt2Weights;
import dev.cape.inference.model.llama.LlamaWeights;
import dev.cape.inference.model.llama.Phi3Weights;
import dev.cape.inference.model.neox.GptNeoXWeights;
import dev.cape.inference.model.opt.OptWeights;
import dev.cape.inference.model.phi.PhiWeights;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The supported architectures, by HF {@code model_type}. An unknown type is refused with the list of supported ones.
 */
public final class ModelRegistry {

    private static final Map<String, ArchitectureAdapter> ADAPTERS;

    static {
        Map<String, ArchitectureAdapter> m = new TreeMap<>();
        for (ArchitectureAdapter a : List.of(new LlamaWeights(), new Phi3Weights(), new GemmaWeights(),
                new PhiWeights(), new Gpt2Weights(), new GptNeoXWeights(), new OptWeights())) {
            for (String type : a.modelTypes()) {
                m.put(type, a);
            }
        }
        ADAPTERS = Collections.unmodifiableMap(m);
    }

    private ModelRegistry() {
    }

    /** The supported {@code model_type} values, sorted. */
    public static List<String> supportedTypes() {
        return List.copyOf(ADAPTERS.keySet());
    }

    /** The adapter for the config's {@code model_type}. */
    public static ArchitectureAdapter adapter(ModelConfig config) {
        String type = config.requireString("model_type");
        ArchitectureAdapter a = ADAPTERS.get(type);
        if (a == null) {
            throw new ModelLoadException("model config " + config.source() + ": model_type '" + type
                    + "' is not supported; supported: " + String.join(", ", supportedTypes()));
        }
        return a;
    }

    /** The adapter of a supported {@code model_type}. */
    public static ArchitectureAdapter adapterFor(String modelType) {
        ArchitectureAdapter a = ADAPTERS.get(modelType);
        if (a == null) {
            throw new ModelLoadException("model_type '" + modelType + "' is not supported; supported: "
                    + String.join(", ", supportedTypes()));
        }
        return a;
    }

    /** The spec of a config. */
    public static ModelSpec spec(ModelConfig config) {
        try {
            return adapter(config).spec(config);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("model config " + config.source() + " describes an invalid model: "
                    + e.getMessage(), e);
        }
    }
}
