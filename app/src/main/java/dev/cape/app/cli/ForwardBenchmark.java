package dev.cape.app.cli;

import dev.cape.inference.model.ComputeDevice;
import dev.cape.inference.model.KvCache;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import dev.cape.inference.model.ModelDtype;
import dev.cape.inference.model.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What {@code cape bench forward} measures on one model: the time to read its weight files from the page cache, the
 * load time, prefill and KV-cached decode throughput, peak resident memory against the float32 weight bytes, and
 * (with JFR) how the decoding thread's time splits between libtorch calls and Java.
 */
final class ForwardBenchmark {

    /**
     * @param device  cpu or cuda[:N]
     * @param dtype   the model dtype ({@code --dtype})
     * @param prefill prompt length (batch 1)
     * @param decode  tokens decoded one at a time with the KV cache after the prompt
     * @param runs    timed repetitions of prefill and decode (after one untimed warm-up each)
     * @param seed    seed of the random token ids
     * @param profile whether to record one more decode under JFR and report the time split
     */
    record Settings(String device, ModelDtype dtype, int prefill, int decode, int runs, long seed, boolean profile) {

        Settings {
            if (prefill < 1 || decode < 1 || runs < 1) {
                throw new IllegalArgumentException("--prefill, --decode and --runs must be >= 1: " + prefill + ", "
                        + decode + ", " + runs);
            }
        }
    }

    private final PrintWriter out;
    private final Settings settings;

    ForwardBenchmark(PrintWriter out, Settings settings) {
        this.out = out;
        this.settings = settings;
    }

    void run(Path model, String label) {
        MemoryStatus.dumpMappings(out, "before starting the engine");
        String engine = ComputeDevice.startEngine();
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        out.printf(Locale.ROOT, "cape bench forward: %s%n  machine: %d cores, JVM %s (max heap %s), %s, intra-op"
                + " threads %s, device %s, dtype %s, load average %s%n", label,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                mib(Runtime.getRuntime().maxMemory()), engine, threads == null ? "libtorch default" : threads,
                settings.device(), settings.dtype().label(), loadAverage());
        ModelSource source = ModelSource.detect(model);
        long rssBefore = MemoryStatus.kib("VmRSS") * 1024;
        MemoryStatus.dumpMappings(out, "before loading");
        long fileBytes = source.weightFileBytes();
        double readSeconds = pageCacheRead(source.weightFiles());
        out.printf(Locale.ROOT, "  weight files: %s, %s; read from page cache: %.3f s (%.2f GB/s, best of %d)%n",
                source.weightFiles().size() == 1 ? "1 file" : source.weightFiles().size() + " files",
                mib(fileBytes), readSeconds, fileBytes / readSeconds / 1e9, settings.runs() + 1);
        out.flush();

        // like the read (best of runs + 1), the warm load is the best of --runs loads after the first in this JVM;
        // each model is closed (weights unmapped) before the next loads, the last one stays open for the runs
        double[] loads = new double[settings.runs() + 1];
        for (int r = 0; r < settings.runs(); r++) {
            long t0 = System.nanoTime();
            try (LanguageModel warmUp = LanguageModel.load(model, settings.device(), settings.dtype())) {
                loads[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        long t0 = System.nanoTime();
        try (LanguageModel m = LanguageModel.load(model, settings.device(), settings.dtype())) {
            loads[settings.runs()] = (System.nanoTime() - t0) / 1e9;
            double firstLoadSeconds = loads[0];
            double secondLoadSeconds = loads[1];
            double loadSeconds = min(Arrays.copyOfRange(loads, 1, loads.length));
            long weightBytes = 4 * m.parameterCount();
            out.printf(Locale.ROOT, "  load: %.3f s = %.2f x the page-cache read (best of %d loads after the first;"
                    + " second load in this JVM: %.3f s = %.2f x; first: %.3f s = %.2f x); %,d parameters = %s as"
                    + " F32, held as %s (%s); peak RSS so far %s%n", loadSeconds, loadSeconds / readSeconds,
                    settings.runs(), secondLoadSeconds, secondLoadSeconds / readSeconds, firstLoadSeconds,
                    firstLoadSeconds / readSeconds, m.parameterCount(), mib(weightBytes), m.dtype().label(),
                    mib(m.weightBytes()), mib(MemoryStatus.kib("VmHWM") * 1024));
            out.printf(Locale.ROOT, "  unembedding: %s (-Dcape.unembedCopy=false keeps the stored matrix: faster load,"
                    + " slower decoding on the CPU)%n", m.unembeddingLayout());
            out.flush();
            MemoryStatus.dumpMappings(out, "after loading");
            int vocab = m.spec().vocabSize();
            int total = settings.prefill() + settings.decode();
            if (m.spec().learnedPositions() && total > m.spec().maxPositions()) {
                throw new IllegalArgumentException("--prefill + --decode = " + total + " exceeds the model's "
                        + m.spec().maxPositions() + " learned positions");
            }
            int[] prompt = new SplittableRandom(settings.seed()).ints(settings.prefill(), Math.min(3, vocab - 1),
                    vocab).toArray();

            double[] prefill = new double[settings.runs()];
            double[] decode = new double[settings.runs()];
            for (int r = -1; r < settings.runs(); r++) {  // r = -1: warm-up
                try (KvCache cache = m.newCache(1)) {
                    long p0 = System.nanoTime();
                    Logits logits = m.forward(new int[][] {prompt}, cache, false);
                    long p1 = System.nanoTime();
                    decodeSteps(m, cache, logits);
                    long d1 = System.nanoTime();
                    if (r >= 0) {
                        prefill[r] = (p1 - p0) / 1e9;
                        decode[r] = (d1 - p1) / 1e9;
                    }
                }
            }
            double prefillS = median(prefill);
            double decodeS = median(decode);
            out.printf(Locale.ROOT, "  prefill (batch 1 x %d tokens): %.1f tokens/s (median %.3f s of %d runs,"
                    + " min %.3f s)%n", settings.prefill(), settings.prefill() / prefillS, prefillS,
                    settings.runs(), min(prefill));
            out.printf(Locale.ROOT, "  decode with KV cache (%d tokens after the prompt, greedy): %.1f tokens/s"
                    + " (%.2f ms/token, median of %d runs)%n", settings.decode(), settings.decode() / decodeS,
                    1000 * decodeS / settings.decode(), settings.runs());
            out.printf(Locale.ROOT, "  peak RSS after prefill and decode: %s%n", mib(MemoryStatus.kib("VmHWM") * 1024));
            out.flush();
            if (settings.profile()) {
                profileDecode(m, prompt);
            }
            long peak = MemoryStatus.kib("VmHWM") * 1024;
            MemoryStatus.dumpMappings(out, "after the runs");
            out.printf(Locale.ROOT, "  peak RSS (VmHWM): %s = %.2f x the F32 weight bytes; RSS before loading"
                    + " (JVM + libtorch): %s; peak above that: %.2f x the F32 weight bytes, %.2f x the %s bytes"
                    + " held%n", mib(peak), (double) peak / weightBytes, mib(rssBefore),
                    (double) (peak - rssBefore) / weightBytes, (double) (peak - rssBefore) / m.weightBytes(),
                    m.dtype().label());
            out.flush();
        }
    }

    private void decodeSteps(LanguageModel m, KvCache cache, Logits prefillLogits) {
        float[] last = prefillLogits.last(0);
        for (int i = 0; i < settings.decode(); i++) {
            int next = Logits.argmax(last);
            last = m.forward(new int[][] {{next}}, cache, false).last(0);
        }
    }

    /** One more decode under JFR: samples of this thread in libtorch (JNI) calls, other native code, and Java. */
    private void profileDecode(LanguageModel m, int[] prompt) {
        Path jfr;
        try {
            jfr = Files.createTempFile("cape-bench-", ".jfr");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary JFR file: " + e.getMessage(), e);
        }
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.enable("jdk.NativeMethodSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.start();
            long t0 = System.nanoTime();
            for (int r = 0; r < 3; r++) {
                try (KvCache cache = m.newCache(1)) {
                    decodeSteps(m, cache, m.forward(new int[][] {prompt}, cache, false));
                }
            }
            long decodeNanos = System.nanoTime() - t0;
            recording.stop();
            recording.dump(jfr);
            long thread = Thread.currentThread().getId();
            int torch = 0;
            int otherNative = 0;
            int inJava = 0;
            Map<String, Integer> byMethod = new HashMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
                RecordedThread sampled = e.getThread("sampledThread");
                if (sampled == null || sampled.getJavaThreadId() != thread || e.getStackTrace() == null
                        || e.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame top = e.getStackTrace().getFrames().get(0);
                byMethod.merge(top.getMethod().getType().getName().replaceAll(".*\\.", "") + "."
                        + top.getMethod().getName(), 1, Integer::sum);
                boolean nativeSample = e.getEventType().getName().equals("jdk.NativeMethodSample");
                if (nativeSample && top.getMethod().getType().getName().startsWith("ai.djl.pytorch.jni.")) {
                    torch++;
                } else if (nativeSample) {
                    otherNative++;
                } else {
                    inJava++;
                }
            }
            int all = torch + otherNative + inJava;
            out.printf(Locale.ROOT, "  profile (JFR, 10 ms samples of the decoding thread over 3 x (prefill + %d"
                    + " decode steps), %.2f s): %d samples: %.1f%% in libtorch calls, %.1f%% in Java, %.1f%% in other"
                    + " native code%n", settings.decode(), decodeNanos / 1e9, all, pct(torch, all), pct(inJava, all),
                    pct(otherNative, all));
            out.printf(Locale.ROOT, "    top frames: %s%n", byMethod.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                    .map(x -> String.format(Locale.ROOT, "%s %.1f%%", x.getKey(), pct(x.getValue(), all)))
                    .collect(Collectors.joining(", ")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording " + jfr + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(jfr);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** Best of runs + 1 reads of every file into one reusable 8 MiB buffer (the first read also warms the cache). */
    private double pageCacheRead(List<Path> files) {
        ByteBuffer buf = ByteBuffer.allocateDirect(8 << 20);
        double best = Double.MAX_VALUE;
        for (int r = 0; r <= settings.runs(); r++) {
            long t0 = System.nanoTime();
            for (Path f : files) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    while (ch.read(buf) >= 0) {
                        buf.clear();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }

    private static double pct(int part, int all) {
        return all == 0 ? 0 : 100.0 * part / all;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Fields of {@code /proc/self/status} (Linux). */
    static final class MemoryStatus {

        private MemoryStatus() {
        }

        /**
         * With {@code -Dcape.bench.smaps=true}: resident KiB of {@code /proc/self/smaps} grouped by mapping (file name,
         * or anonymous / heap / stack), largest first, anonymous and file-backed totals.
         */
        static void dumpMappings(PrintWriter out, String when) {
            Path smaps = Path.of("/proc/self/smaps");
            if (!Boolean.getBoolean("cape.bench.smaps") || !Files.isReadable(smaps)) {
                return;
            }
            try {
                Map<String, long[]> byName = new HashMap<>();  // name -> {rss, anonymous, private dirty}
                String name = null;
                for (String line : Files.readAllLines(smaps)) {
                    if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                        String[] f = line.trim().split("\\s+", 6);
                        name = f.length < 6 ? "[anon]" : f[5].replaceAll(".*/", "");
                    } else if (line.startsWith("Rss:")) {
                        byName.computeIfAbsent(name, k -> new long[3])[0] += Long.parseLong(line.split("\\s+")[1]);
                    } else if (line.startsWith("Anonymous:")) {
                        byName.get(name)[1] += Long.parseLong(line.split("\\s+")[1]);
                    } else if (line.startsWith("Private_Dirty:")) {
                        byName.get(name)[2] += Long.parseLong(line.split("\\s+")[1]);
                    }
                }
                long rss = byName.values().stream().mapToLong(v -> v[0]).sum();
                long anon = byName.values().stream().mapToLong(v -> v[1]).sum();
                out.printf(Locale.ROOT, "  smaps %s: RSS %,d KiB (anonymous %,d KiB); by mapping (RSS / anonymous /"
                        + " private dirty KiB): %s%n", when, rss, anon, byName.entrySet().stream()
                        .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(14)
                        .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1] + "/" + e.getValue()[2])
                        .collect(Collectors.joining(", ")));
                out.flush();
            } catch (IOException | RuntimeException e) {
                out.println("  smaps " + when + ": unreadable (" + e + ")");
            }
        }

        /** The value in KiB of a field such as {@code VmHWM}; -1 where /proc is absent (not Linux). */
        static long kib(String field) {
            Path status = Path.of("/proc/self/status");
            if (!Files.isReadable(status)) {
                return -1;
            }
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                    }
                }
                return -1;
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
        }
    }
}
