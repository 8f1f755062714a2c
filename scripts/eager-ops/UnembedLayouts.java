// Reference microbenchmark for docs/benchmarks.md "Unembedding layout and fewer arrays per step" (not product code).
// Run after the build:
//   java -Dai.djl.offline=true -cp app/target/cape-app.jar scripts/eager-ops/UnembedLayouts.java THREADS
// One row times the unembedding, vocabulary 32000, d = 288 (stories15M) and 768 (the random 125m llama), in the layouts
// Transformer can use, and the time of the blocked transposed copy made at load (WeightUploader.uploadTransposed).
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

public class UnembedLayouts {
    public static void main(String[] a) {
        System.setProperty("ai.djl.pytorch.num_threads", a[0]);
        Engine.getEngine("PyTorch");
        int vocab = 32000;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int d : new int[] {288, 768}) {
                NDArray x = m.randomNormal(new Shape(1, 1, d));
                NDArray stored = m.randomNormal(new Shape(vocab, d));  // [V, d] as in the checkpoint
                NDArray view = stored.transpose();                     // [d, V] view
                NDArray copy = transposedCopy(m, stored);               // [d, V] contiguous
                time(d + ": stored, transposed view", m, s -> own(s, x.matMul(view)));
                time(d + ": contiguous copy", m, s -> own(s, x.matMul(copy)));
                for (int k : new int[] {2, 4}) {
                    NDArray viewBlocks = view.reshape(d, k, vocab / k).transpose(1, 0, 2);
                    NDArray copyBlocks = copy.reshape(d, k, vocab / k).transpose(1, 0, 2);
                    time(d + ": stored view, " + k + " blocks", m, s -> own(s, x.matMul(viewBlocks)));
                    time(d + ": contiguous copy, " + k + " blocks", m, s -> own(s, x.matMul(copyBlocks)));
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    transposedCopy(m, stored).close();
                }
                System.out.printf(Locale.ROOT, "  %-40s %9.1f ms%n", d + ": blocked transposed copy (load)",
                        (System.nanoTime() - t0) / 3e6);
            }
        }
    }

    /** As WeightUploader.uploadTransposed: blocks of about 1 MiB of rows copied into a [d, V] tensor. */
    static NDArray transposedCopy(NDManager m, NDArray stored) {
        long rows = stored.getShape().get(0);
        long cols = stored.getShape().get(1);
        NDArray t = m.create(new Shape(cols, rows), DataType.FLOAT32);
        long block = Math.max(16, (1 << 20) / (cols * 4));
        for (long r0 = 0; r0 < rows; r0 += block) {
            long r1 = Math.min(rows, r0 + block);
            try (NDArray part = stored.get(new NDIndex().addSliceDim(r0, r1)); NDArray partT = part.transpose()) {
                t.set(new NDIndex().addAllDim().addSliceDim(r0, r1), partT);
            }
        }
        return t;
    }

    static void own(NDManager scope, NDArray y) {
        y.attach(scope);
    }

    interface Body { void run(NDManager s); }

    static void time(String name, NDManager m, Body b) {
        int n = 40;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (NDManager s = m.newSubManager()) {
                    b.run(s);
                }
            }
            if (rep == 2) {
                System.out.printf(Locale.ROOT, "  %-40s %9.1f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
            }
        }
    }
}
