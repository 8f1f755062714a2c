package dev.cape.inference.steer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@code α · σ · v̂} to {@code blocks.L.hook_resid_post} (or {@code hook_resid_pre}) of each steered layer, at
 * every position or only at positions from a given absolute index on (the new tokens of a generation), while open.
 * It is a hook session: {@link #close()} removes every hook, and the model computes exactly what it computed before.
 * <pre>{@code
 * try (SteeringSession s = SteeringSession.on(model).add(vector, 4.0).open()) {
 *     model.forward(ids);   // steered
 * }
 * }</pre>
 */
public final class SteeringSession implements AutoCloseable {

    /** Where the vector is added. */
    public enum Site {
        /** {@code blocks.L.hook_resid_post}: the output of block L. */
        RESID_POST,
        /** {@code blocks.L.hook_resid_pre}: the input of block L. */
        RESID_PRE;

        String point(int layer) {
            return this == RESID_POST ? HookPoints.residPost(layer) : HookPoints.residPre(layer);
        }
    }

    private final HookSession hooks;
    private final List<SteeringVector> vectors;
    private final List<Double> alphas;

    private SteeringSession(HookSession hooks, List<SteeringVector> vectors, List<Double> alphas) {
        this.hooks = hooks;
        this.vectors = List.copyOf(vectors);
        this.alphas = List.copyOf(alphas);
    }

    /** Starts describing a session on {@code model}: resid_post, every position, no vectors yet. */
    public static Builder on(LanguageModel model) {
        return new Builder(model);
    }

    /** The vectors steered with, in the order added. */
    public List<SteeringVector> vectors() {
        return vectors;
    }

    /** Their α, in the same order. */
    public List<Double> alphas() {
        return alphas;
    }

    public boolean isOpen() {
        return hooks.isOpen();
    }

    /** Removes the steering hooks. */
    @Override
    public void close() {
        hooks.close();
    }

    /** Collects the vectors, site and positions of a session, then {@link #open()}s it. */
    public static final class Builder {
        private final LanguageModel model;
        private final List<SteeringVector> vectors = new ArrayList<>();
        private final List<Double> alphas = new ArrayList<>();
        private Site site = Site.RESID_POST;
        private int fromPosition;
        private boolean lastOnly;

        private Builder(LanguageModel model) {
            this.model = model;
        }

        /** Steers {@code vector.layer()} with {@code alpha} (several vectors may share a layer; they add up). */
        public Builder add(SteeringVector vector, double alpha) {
            if (!Double.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite: " + alpha);
            }
            if (vector.layer() >= model.spec().nLayers()) {
                throw new IllegalArgumentException("layer " + vector.layer() + " outside the model's "
                        + model.spec().nLayers() + " layers");
            }
            if (vector.dim() != model.spec().dModel()) {
                throw new IllegalArgumentException("vector has " + vector.dim() + " values, the model's d_model is "
                        + model.spec().dModel());
            }
            vectors.add(vector);
            alphas.add(alpha);
            return this;
        }

        public Builder at(Site s) {
            this.site = s;
            return this;
        }

        /**
         * Steers only positions with absolute index ≥ {@code position} (0: every position); in a left-padded batch
         * the index counts the pad slots (row i's token j is index {@code longest - length_i + j}).
         */
        public Builder fromPosition(int position) {
            if (position < 0) {
                throw new IllegalArgumentException("position must be >= 0: " + position);
            }
            this.fromPosition = position;
            return this;
        }

        /**
         * Steers only the last position of each forward pass: in a full-sequence pass (as answer scoring runs them)
         * the prompt's last token, where the next token is predicted; with a KV cache, every new token. Combined with
         * {@link #fromPosition(int)}, the last position is steered only when its absolute index is at least that.
         */
        public Builder lastPositionOnly() {
            this.lastOnly = true;
            return this;
        }

        /** Installs the hooks; they act until the session is closed. */
        public SteeringSession open() {
            HookSession hs = model.hooks();
            try {
                for (int i = 0; i < vectors.size(); i++) {
                    SteeringVector v = vectors.get(i);
                    float[] delta = v.delta(alphas.get(i));   // [d]
                    int from = fromPosition;
                    boolean last = lastOnly;
                    hs.edit(site.point(v.layer()), (x, ctx) -> add(x, delta, last
                            ? Math.max(from - ctx.positionOffset(), (int) x.getShape().get(1) - 1)
                            : from - ctx.positionOffset()));
                }
            } catch (RuntimeException e) {
                hs.close();
                throw e;
            }
            return new SteeringSession(hs, vectors, alphas);
        }

        /** {@code x} [b, pos, d] plus {@code delta} at positions ≥ {@code firstLocal}. */
        private static NDArray add(NDArray x, float[] delta, int firstLocal) {
            long pos = x.getShape().get(1);
            NDManager m = x.getManager();
            if (firstLocal <= 0) {
                return x.add(m.create(delta));
            }
            if (firstLocal >= pos) {
                return x;
            }
            float[] mask = new float[(int) pos];   // [pos]
            for (int p = firstLocal; p < pos; p++) {
                mask[p] = 1;
            }
            NDArray d = m.create(mask, new Shape(1, pos, 1)).mul(m.create(delta, new Shape(1, 1, delta.length)));
            return x.add(d);
        }
    }
}
