// Reference microbenchmark for docs/benchmarks.md "Against PyTorch eager" (not product code). Run after the build:
//   java -Dai.djl.offline=true -cp app/target/cape-app.jar scripts/eager-ops/OpBench.java THREADS
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Per-op cost in DJL/libtorch 2.7.1: a tiny elementwise op, and the decode matmuls, each in a sub-manager closed per iteration. */
public class OpBench {
    public static void main(String[] a) {
        System.setProperty("ai.djl.pytorch.num_threads", a[0]);
        Engine e = Engine.getEngine("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x288 = m.randomNormal(new Shape(1, 1, 288));
            NDArray x768 = m.randomNormal(new Shape(1, 1, 768));
            NDArray w288 = m.randomNormal(new Shape(768, 288)).transpose();     // [288, 768] view
            NDArray e288 = m.randomNormal(new Shape(32000, 288)).transpose();   // [288, 32000] view
            NDArray w768 = m.randomNormal(new Shape(2048, 768)).transpose();    // [768, 2048] view
            NDArray e768 = m.randomNormal(new Shape(32000, 768)).transpose();   // [768, 32000] view
            time("add scalar [1,1,288] (one op + close)", 20000, m, s -> { NDArray y = x288.add(1f); y.attach(s); });
            time("10 chained adds [1,1,288]", 2000, m, s -> { NDArray y = x288; for (int i = 0; i < 10; i++) { y = y.add(1f); y.attach(s);} });
            time("create [1,288] from float[] (mask/rope rows)", 20000, m, s -> s.create(new float[288], new Shape(1, 288)));
            time("matmul [1,1,288]x[288,768]T", 5000, m, s -> { NDArray y = x288.matMul(w288); y.attach(s); });
            time("matmul [1,1,288]x[288,32000]T", 300, m, s -> { NDArray y = x288.matMul(e288); y.attach(s); });
            time("matmul [1,1,768]x[768,2048]T", 1000, m, s -> { NDArray y = x768.matMul(w768); y.attach(s); });
            time("matmul [1,1,768]x[768,32000]T", 100, m, s -> { NDArray y = x768.matMul(e768); y.attach(s); });
        }
    }

    interface Body { void run(NDManager s); }

    static void time(String name, int n, NDManager m, Body b) {
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                try (NDManager s = m.newSubManager()) { b.run(s); }
            }
            double us = (System.nanoTime() - t0) / 1e3 / n;
            if (rep == 2) System.out.printf(Locale.ROOT, "  java %-45s %9.2f us%n", name, us);
        }
    }
}
