package dev.cape.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.model.RuntimeReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code cape doctor}: what this machine gives the workbench: Java, a display, libtorch, CUDA and the GPUs. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        header = "Says what this machine gives CAPE: Java, a display, libtorch, CUDA and the usable GPUs.",
        description = "Starts the model runtime and reports the Java runtime, whether a display is available for the "
                + "workbench window, the libtorch that DJL's PyTorch engine loaded (version, CPU or CUDA build, "
                + "folder), the CUDA runtime, the GPUs the engine can use (for --device cuda:N) and, when there are "
                + "none, why. Nothing is downloaded.")
public final class DoctorCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    TextOrJsonFormat format;

    @Override
    public Integer call() {
        boolean json = format.json();
        Runtime rt = Runtime.getRuntime();
        String java = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        long heapMib = rt.maxMemory() >> 20;
        boolean display = GuiCommand.displayAvailable();
        RuntimeReport r = RuntimeReport.probe();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonObject j = new JsonObject();
            j.addProperty("version", CapeCommand.version());
            JsonObject jv = new JsonObject();
            jv.addProperty("version", System.getProperty("java.version"));
            jv.addProperty("vendor", System.getProperty("java.vendor"));
            jv.addProperty("max_heap_mib", heapMib);
            jv.addProperty("processors", rt.availableProcessors());
            j.add("java", jv);
            j.addProperty("display", display);
            JsonObject e = new JsonObject();
            e.addProperty("engine", "PyTorch");
            e.addProperty("version", r.engineVersion());
            e.addProperty("flavor", r.flavor());
            e.addProperty("libtorch", r.libtorch());
            e.addProperty("offline", r.offline());
            j.add("engine", e);
            JsonObject c = new JsonObject();
            c.addProperty("runtime", r.cudaRuntime());
            c.addProperty("version", r.cudaVersion());
            JsonArray gpus = new JsonArray();
            for (RuntimeReport.Gpu g : r.gpus()) {
                JsonObject o = new JsonObject();
                o.addProperty("device", "cuda:" + g.index());
                o.addProperty("compute_capability", g.computeCapability());
                o.addProperty("memory_mib", g.memoryBytes() < 0 ? -1 : g.memoryBytes() >> 20);
                gpus.add(o);
            }
            c.add("gpus", gpus);
            j.add("cuda", c);
            j.addProperty("verdict", r.verdict());
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(j));
        } else {
            out.printf(Locale.ROOT, "CAPE Workbench %s%n", CapeCommand.version());
            out.printf(Locale.ROOT, "Java: %s, max heap %d MiB, %d processors%n", java, heapMib, rt.availableProcessors());
            out.println("display: " + (display ? "available (cape gui opens the workbench window)"
                    : "none (the workbench window needs one; every other command works without)"));
            if (r.engineVersion().isEmpty()) {
                out.println("PyTorch engine: could not start (below)");
            } else {
                out.printf(Locale.ROOT, "PyTorch engine: libtorch %s, %s build, from %s%s%n", r.engineVersion(),
                        r.flavor().isEmpty() ? "unknown" : r.flavor(), r.libtorch().isEmpty() ? "?" : r.libtorch(),
                        r.offline() ? " (offline: nothing is downloaded)" : "");
            }
            out.println("CUDA runtime: " + (r.cudaRuntime() ? r.cudaVersion() : "none"));
            for (RuntimeReport.Gpu g : r.gpus()) {
                out.printf(Locale.ROOT, "  cuda:%d: compute capability %s, %s%n", g.index(), g.computeCapability(),
                        g.memoryBytes() < 0 ? "memory unknown" : (g.memoryBytes() >> 20) + " MiB");
            }
            out.println("devices: " + r.verdict());
        }
        out.flush();
        return CapeCommand.EXIT_OK;
    }
}
