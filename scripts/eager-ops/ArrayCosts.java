// Reference microbenchmark for docs/benchmarks.md "Unembedding layout and fewer arrays per step" (not product code):
// what a new DJL array, an in-place update and an operand from a Java number cost. Run after the build:
//   java -Dai.djl.offline=true -cp app/target/cape-app.jar scripts/eager-ops/ArrayCosts.java THREADS
import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.*;
import ai.djl.engine.Engine;
import java.util.*;

public class ArrayCosts {
    public static void main(String[] a) throws Exception {
        System.setProperty("ai.djl.pytorch.num_threads", a[0]);
        Engine.getEngine("PyTorch");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(1, 1, 288));
            NDArray y = m.randomNormal(new Shape(1, 1, 288));
            NDArray one = m.create(1f);
            NDArray q = m.randomNormal(new Shape(1, 6, 1, 48));
            NDArray R = m.randomNormal(new Shape(48, 48));
            NDArray g = m.randomNormal(new Shape(288));
            NDArray bb = m.randomNormal(new Shape(288));
            NDArray W = m.randomNormal(new Shape(288, 288));
            time("x.add(y)", m, s -> att(s, x.add(y)));
            time("x.add(1f) scalar", m, s -> att(s, x.add(1f)));
            time("x.add(oneTensor)", m, s -> att(s, x.add(one)));
            NDArray z = x.duplicate();
            time("z.addi(y) in place", m, s -> z.addi(y));
            time("x.square()", m, s -> att(s, x.square()));
            time("x.mean(-1, keep)", m, s -> att(s, x.mean(new int[] {-1}, true)));
            time("q.matMul(R) rot", m, s -> att(s, q.matMul(R)));
            time("q.get(half) x2 + neg + concat", m, s -> { NDArray a1 = q.get("..., 0:24"); NDArray a2 = q.get("..., 24:48"); NDArray r = a2.neg().concat(a1, -1); a1.attach(s); a2.attach(s); att(s, r);});
            time("layerNorm fused", m, s -> att(s, x.getNDArrayInternal().layerNorm(x, new Shape(288), g, bb, 1e-5f).singletonOrThrow()));
            time("linear fused W[out,in]+b", m, s -> att(s, x.getNDArrayInternal().linear(x, W, bb).singletonOrThrow()));
            NDArray Wt = W.transpose();
            time("matMul W^T view", m, s -> att(s, x.matMul(Wt)));
            time("reshape", m, s -> att(s, x.reshape(1, 1, 6, 48)));
            time("transpose", m, s -> att(s, q.transpose(0, 2, 1, 3)));
            time("create(float[288])", m, s -> att(s, s.create(new float[288], new Shape(1, 288))));
            time("create(long[1])", m, s -> att(s, s.create(new long[] {5})));
            time("getShape on new", m, s -> { NDArray r = x.add(y); r.getShape(); att(s, r);});
        }
    }
    static void att(NDManager s, NDArray y) { y.attach(s); }
    interface Body { void run(NDManager s); }
    static void time(String name, NDManager m, Body b) {
        int n = 20000;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            try (NDManager s = m.newSubManager()) { for (int i = 0; i < n; i++) { b.run(s); } }
            if (rep == 2) System.out.printf(Locale.ROOT, "  %-34s %7.2f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
        }
    }
}
