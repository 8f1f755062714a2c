// Reference microbenchmark for docs/benchmarks.md "Against PyTorch eager" (not product code). Run after the build:
//   java -Dai.djl.offline=true -cp app/target/cape-app.jar scripts/eager-ops/MmVariants.java THREADS
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
import java.util.Locale;

public class MmVariants {
    public static void main(String[] a) {
        System.setProperty("ai.djl.pytorch.num_threads", a[0]);
        Engine.getEngine("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            for (int d : new int[] {288, 768}) {
                NDArray x = m.randomNormal(new Shape(1, 1, d));
                NDArray w = m.randomNormal(new Shape(32000, d));       // [V, d] contiguous (as stored)
                NDArray wt = w.transpose();                             // [d, V] view (what Transformer uses)
                NDArray wtc = wt.duplicate();                           // probably still a strided copy
                NDArray wtContig = m.create(wt.toFloatArray(), new Shape(d, 32000)); // [d, V] contiguous
                NDArray h = m.randomNormal(new Shape(1, 1, d));
                time(d + ": x[1,1,d] . W^T view [d,V]", 50, m, s -> att(s, x.matMul(wt)));
                time(d + ": x[1,1,d] . contiguous [d,V]", 50, m, s -> att(s, x.matMul(wtContig)));
                time(d + ": W[V,d] . x^T [d,1]", 50, m, s -> att(s, w.matMul(x.reshape(d, 1))));
                time(d + ": x[1,d] 2D . W^T view", 50, m, s -> att(s, x.reshape(1, d).matMul(wt)));
            }
        }
    }
    static void att(NDManager s, NDArray y) { y.attach(s); }
    interface Body { void run(NDManager s); }
    static void time(String name, int n, NDManager m, Body b) {
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { try (NDManager s = m.newSubManager()) { b.run(s); } }
            if (rep == 2) System.out.printf(Locale.ROOT, "  java %-40s %9.1f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
        }
    }
}
