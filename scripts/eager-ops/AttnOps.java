// Reference microbenchmark for docs/benchmarks.md "Against PyTorch eager" (not product code). Run after the build:
//   java -Dai.djl.offline=true -cp app/target/cape-app.jar scripts/eager-ops/AttnOps.java THREADS
import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
import java.util.Locale;

public class AttnOps {
    public static void main(String[] a) {
        System.setProperty("ai.djl.pytorch.num_threads", a[0]);
        Engine.getEngine("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            int H = 6, hd = 48, S = 256, s = 192;
            NDArray cache = m.zeros(new Shape(1, H, S, hd));
            NDArray q = m.randomNormal(new Shape(1, H, 1, hd));
            NDIndex view = new NDIndex(":, :, 0:" + s + ", :");
            time("q . kview^T  [1,6,1,48]x[1,6,48,192]", 2000, m, sc -> { NDArray k = cache.get(view); k.attach(sc); NDArray y = q.matMul(k.transpose(0, 1, 3, 2)); y.attach(sc); });
            NDArray kc = cache.get(view).duplicate();
            time("q . kcontig^T", 2000, m, sc -> { NDArray y = q.matMul(kc.transpose(0, 1, 3, 2)); y.attach(sc); });
            NDArray p = m.randomNormal(new Shape(1, H, 1, s));
            time("p . vview [1,6,1,192]x[1,6,192,48]", 2000, m, sc -> { NDArray v = cache.get(view); v.attach(sc); NDArray y = p.matMul(v); y.attach(sc); });
            NDArray sc0 = m.randomNormal(new Shape(1, H, 1, s));
            time("softmax [1,6,1,192]", 2000, m, sc -> { NDArray y = sc0.softmax(-1); y.attach(sc); });
            NDArray h = m.randomNormal(new Shape(1, 1, 288));
            NDArray w = m.randomNormal(new Shape(288, 288)).transpose();
            time("linear [1,1,288]x[288,288]T", 2000, m, sc -> { NDArray y = h.matMul(w); y.attach(sc); });
        }
    }
    interface Body { void run(NDManager s); }
    static void time(String name, int n, NDManager m, Body b) {
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { try (NDManager s = m.newSubManager()) { b.run(s); } }
            if (rep == 2) System.out.printf(Locale.ROOT, "  java %-45s %9.1f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
        }
    }
}
