package dev.cape.app.family;

import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import java.util.Locale;

/** The summary lines above the family tab's tables. */
final class FamilySummary {

    private FamilySummary() {
    }

    /** The family's message, N_c with its interval (and why it has no width), and the reference families. */
    static String of(UserFamilyDiagnosis.Result r) {
        StringBuilder s = new StringBuilder(r.message());
        if (!r.weak()) {
            s.append("\n").append(UserFamilyDiagnosis.ncWords(r.nc()));
            if (r.ncCiB() != null) {
                s.append(String.format(Locale.ROOT, " (bootstrap 95%% interval %sB to %sB)", num(r.ncCiB()[0]),
                        num(r.ncCiB()[1])));
                if (r.ncCiB()[0] == r.ncCiB()[1] && r.models().size() == 3) {
                    s.append("; the interval has no width: with 3 models every kept resample (3 distinct sizes) is "
                            + "the family itself");
                }
            }
            s.append('.');
        }
        s.append("\nReference families (").append(r.referenceSource()).append(", ")
                .append(r.referenceFamilies().size()).append(" with a defined coupling curve): ")
                .append(String.join(", ", r.referenceFamilies())).append('.');
        return s.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : "-";
    }
}
