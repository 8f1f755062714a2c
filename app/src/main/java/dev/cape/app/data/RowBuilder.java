package dev.cape.app.data;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.Composites;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.app.workflow.WorkbenchAnalysis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Table rows from the data and the latest result: composites, coupling and phase as the analysis reported them. */
final class RowBuilder {

    private RowBuilder() {
    }

    static List<ModelRow> rows(Dataset data, WorkbenchAnalysis.Result result) {
        Map<String, ModelRow> analysed = new HashMap<>();
        Map<String, String> excluded = new HashMap<>();
        if (result != null) {
            for (FamilyDiagnosis f : result.diagnosis().families()) {
                for (int i = 0; i < f.scores().size(); i++) {
                    String model = f.scores().models().get(i);
                    analysed.put(key(f.family(), model), new ModelRow(f.family(), model, f.scores().paramsB()[i],
                            f.scores().width()[i], f.scores().reasoning()[i], f.scores().truth()[i], f.coupling(i),
                            f.phases().get(i).id(), nc(f.nc())));
                }
            }
            for (Composites.Excluded e : result.diagnosis().excluded()) {
                excluded.put(key(e.family(), e.model()), "left out: " + e.reason());
            }
        }
        List<ModelRow> rows = new ArrayList<>();
        for (ModelRecord m : data.models()) {
            ModelRow row = analysed.get(key(m.family(), m.model()));
            if (row == null) {
                String why = excluded.getOrDefault(key(m.family(), m.model()),
                        result == null ? "not analysed yet" : "family unchecked");
                row = new ModelRow(m.family(), m.model(), m.paramsB(),
                        m.hiddenSize().isPresent() ? m.hiddenSize().getAsInt() : Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, why, "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** N_c in billions, "< x" / "> x" for censored families, the status otherwise. */
    static String nc(CriticalScale s) {
        String v = String.format(Locale.ROOT, "%.3g", s.paramsB());
        return switch (s.status()) {
            case CROSSING -> v;
            case LEFT_CENSORED -> "< " + v;
            case RIGHT_CENSORED -> "> " + v;
            default -> s.status().id().replace('_', ' ');
        };
    }

    private static String key(String family, String model) {
        return family + "\u0000" + model;
    }
}
