package dev.cape.inference.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the model runtime found on this machine: DJL's PyTorch engine and the libtorch it loaded, the CUDA runtime,
 * the GPUs the engine can use, and, when there are none, why, in the words a user can act on.
 *
 * @param engineVersion  libtorch version of DJL's PyTorch engine
 * @param libtorch       the folder of the libtorch this process loaded (on Linux read from {@code /proc/self/maps};
 *                       elsewhere DJL's cache folder for this version); empty when not found or the engine did not
 *                       start
 * @param flavor         {@code cpu} or the CUDA build ({@code cu128}, ...; {@code cuda} when the folder does not say)
 *                       of that libtorch; empty when unknown
 * @param offline        whether DJL may not download (it never does in this product)
 * @param cudaRuntime    whether a CUDA runtime (libcudart, with a driver) is present
 * @param cudaVersion    its version, e.g. {@code 12.4}; empty without one
 * @param gpus           the GPUs the engine can use
 * @param verdict        one line: which devices work, or why {@code cuda} does not
 */
public record RuntimeReport(String engineVersion, String libtorch, String flavor, boolean offline, boolean cudaRuntime,
        String cudaVersion, List<Gpu> gpus, String verdict) {

    /** One usable GPU: its index for {@code cuda:N}, compute capability and memory. */
    public record Gpu(int index, String computeCapability, long memoryBytes) {
    }

    public RuntimeReport {
        gpus = List.copyOf(gpus);
    }

    /**
     * Starts the engine (loads libtorch) if needed and looks. Never throws: when the engine cannot start, the report
     * says so in its verdict (that is when a user most needs it).
     */
    public static RuntimeReport probe() {
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            return new RuntimeReport("", "", "", Utils.isOfflineMode(), false, "", List.of(),
                    "the model runtime could not start: " + e.getMessage());
        }
        String version = engine.getVersion();
        Path loaded = loadedLibtorch(Path.of("/proc/self/maps"));
        String folder = loaded != null ? loaded.getParent().toString() : cacheFolder(version);
        String flavor = loaded != null ? flavorOf(loaded) : flavor(Path.of(folder).getFileName() == null ? ""
                : Path.of(folder).getFileName().toString());
        boolean cuda = CudaUtils.hasCuda();
        String cudaVersion = cuda ? CudaUtils.getCudaVersionString() : "";
        List<Gpu> gpus = new ArrayList<>();
        for (int i = 0; i < engine.getGpuCount(); i++) {
            Device d = Device.gpu(i);
            gpus.add(new Gpu(i, cuda ? CudaUtils.getComputeCapability(i) : "", cuda
                    ? CudaUtils.getGpuMemory(d).getMax() : -1));
        }
        return new RuntimeReport(version, folder, flavor, Utils.isOfflineMode(), cuda, cudaVersion, gpus,
                verdict(gpus.size(), cuda, cudaVersion, flavor));
    }

    /**
     * The libtorch library this process mapped, read from a {@code /proc/self/maps} listing (Linux); null when there
     * is no such listing or no libtorch in it. What was loaded, not what a cache folder's name suggests.
     */
    static Path loadedLibtorch(Path maps) {
        if (!Files.isReadable(maps)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.indexOf('/') < 0 ? l.length() : l.indexOf('/')))
                    .filter(p -> p.endsWith("/libtorch_cpu.so") || p.endsWith("/libtorch_cuda.so"))
                    .map(Path::of).sorted((a, b) -> Boolean.compare(isCuda(b), isCuda(a))).findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static boolean isCuda(Path lib) {
        return lib.getFileName().toString().equals("libtorch_cuda.so");
    }

    /** {@code cpu} or the CUDA build of a loaded library: its folder's name says which CUDA, else plain cuda. */
    private static String flavorOf(Path lib) {
        String named = flavor(lib.getParent().getFileName() == null ? "" : lib.getParent().getFileName().toString());
        if (isCuda(lib)) {
            return named.startsWith("cu") ? named : "cuda";
        }
        return "cpu";
    }

    /** Which devices work, or why {@code cuda} does not. */
    static String verdict(int gpus, boolean cudaRuntime, String cudaVersion, String flavor) {
        if (gpus > 0) {
            return "cpu and cuda:0" + (gpus > 1 ? " .. cuda:" + (gpus - 1) : "") + " are usable";
        }
        if (!cudaRuntime) {
            return "only cpu is usable: no CUDA runtime was found (no NVIDIA GPU, or no driver)";
        }
        if (flavor.equals("cpu")) {
            return "only cpu is usable: CUDA " + cudaVersion + " is present, but libtorch is the CPU build; install the"
                    + " CUDA libtorch as inference/README.md, 'GPU', says";
        }
        return "only cpu is usable: CUDA " + cudaVersion + " is present, but the engine found no GPU it can use (a"
                + " libtorch built for another CUDA version?); see inference/README.md, 'GPU'";
    }

    /** The build named in a DJL cache folder such as {@code 2.7.1-20250812-cpu-linux-x86_64}: cpu, cu124, ... */
    static String flavor(String folderName) {
        for (String part : folderName.split("-")) {
            if (part.equals("cpu") || part.matches("cu\\d+")) {
                return part;
            }
        }
        return "";
    }

    private static String cacheFolder(String version) {
        Path dir = Utils.getEngineCacheDir("pytorch");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(version + "-")).map(Path::toString).sorted()
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
