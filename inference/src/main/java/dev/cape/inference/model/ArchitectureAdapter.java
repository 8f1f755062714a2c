package dev.cape.inference.model;

import java.util.List;

/**
 * One architecture family: reads its HF config into a {@link ModelSpec} and maps its checkpoint names to the
 * {@link CanonicalWeights} names, checking every shape.
 */
public interface ArchitectureAdapter {

    /** The HF {@code model_type} values this adapter reads. */
    List<String> modelTypes();

    /** The spec of a config of one of {@link #modelTypes()}. */
    ModelSpec spec(ModelConfig config);

    /** The canonical weights of a checkpoint for {@code spec}. */
    CanonicalWeights weights(ModelSpec spec, CheckpointReader checkpoint);
}
