// Reference microbenchmark for docs/benchmarks.md "Against PyTorch eager" (not product code). Run after the build:
//   java -Dai.djl.offline=true -XX:StartFlightRecording=filename=decode.jfr,settings=profile -cp app/target/cape-app.jar scripts/eager-ops/DecodeLoop.java MODEL REPS
import dev.cape.inference.model.*;
import java.nio.file.Path;

public class DecodeLoop {
    public static void main(String[] a) {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        try (LanguageModel m = LanguageModel.load(Path.of(a[0]), "cpu", ModelDtype.FLOAT32)) {
            int reps = Integer.parseInt(a[1]);
            long t0 = System.nanoTime();
            int steps = 0;
            for (int r = 0; r < reps; r++) {
                try (KvCache cache = m.newCache(1)) {
                    float[] last = m.forward(new int[][] {{1}}, cache, false).last(0);
                    for (int i = 0; i < 254; i++) {
                        last = m.forward(new int[][] {{Logits.argmax(last)}}, cache, false).last(0);
                        steps++;
                    }
                }
            }
            System.out.printf("%.3f ms/token%n", (System.nanoTime() - t0) / 1e6 / steps);
        }
    }
}
