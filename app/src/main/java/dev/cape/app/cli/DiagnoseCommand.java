package dev.cape.app.cli;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.PhaseDiagnosis;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import dev.cape.app.workflow.FamilyDiagnoses;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cape diagnose}: the phase diagnosis of a data set from public scores (spec §1–5). */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Phase diagnosis from public benchmark scores: coupling per family, N_c with bootstrap CI, "
                + "pooled tax/cooperative correlations with permutation tests, width normalisation.")
public final class DiagnoseCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json, markdown }

    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    DiagnosisSettings settings;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path out;

    @Option(names = "--family", arity = "0..1", fallbackValue = "", paramLabel = "NAME",
            description = "Also diagnose this family against the reference families: phase and coupling per model, "
                    + "N_c, suggested interventions (width, data curation, benchmark rotation). Without a NAME the "
                    + "data (--data) must hold one family; reference families are the data's other families, or the "
                    + "bundled data when the file holds only that family.")
    String family;

    @Override
    public Integer call() {
        OutputTarget.checkFile(out, "--out");
        DiagnosisOptions options = settings.options();
        Dataset dataset = data.load();
        DiagnosisResult result = PhaseDiagnosis.with(options)
                .run(dataset, ConsoleProgress.forTerminal(spec.commandLine().getErr()));
        UserFamilyDiagnosis.Result familyResult = family == null ? null : diagnoseFamily(options, dataset);
        String text = switch (format) {
            case json -> {
                if (familyResult == null) {
                    yield DiagnosisJson.write(result, CapeCommand.version());
                }
                JsonObject root = DiagnosisJson.toJson(result, CapeCommand.version());
                root.add("family_diagnosis", FamilyDiagnosisOutput.json(familyResult));
                yield CliSupport.json(root);
            }
            case markdown -> DiagnosisReport.markdown(result) + familySection(familyResult, true);
            case text -> DiagnosisReport.text(result) + familySection(familyResult, false);
        };
        OutputTarget.write(text, out, spec.commandLine().getOut());
        return CapeCommand.EXIT_OK;
    }

    private UserFamilyDiagnosis.Result diagnoseFamily(DiagnosisOptions options, Dataset dataset) {
        List<String> families = List.copyOf(dataset.byFamily().keySet());
        String name = family;
        if (name.isEmpty()) {
            if (families.size() != 1) {
                throw new IllegalArgumentException("--family without a NAME needs data with exactly one family; "
                        + dataset.source() + " has " + families.size() + ": " + String.join(", ", families));
            }
            name = families.get(0);
        }
        return FamilyDiagnoses.diagnose(options, dataset, name, data.data != null);
    }

    private static String familySection(UserFamilyDiagnosis.Result r, boolean markdown) {
        if (r == null) {
            return "";
        }
        CliSupport.Doc d = new CliSupport.Doc(markdown);
        FamilyDiagnosisOutput.render(d, r);
        return d.toString();
    }
}
