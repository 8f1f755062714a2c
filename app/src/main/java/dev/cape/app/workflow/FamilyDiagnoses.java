package dev.cape.app.workflow;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;

/**
 * One family diagnosed against reference families, as {@code cape diagnose --family} and the workbench's family tab
 * do it: the references are the data's other families; the bundled families are used instead when the data holds
 * only that family, or (with {@code bundledFallback}) when none of the data's other families has a defined coupling
 * curve.
 */
public final class FamilyDiagnoses {

    private FamilyDiagnoses() {
    }

    /**
     * @param data            the data holding the family
     * @param family          the family to diagnose
     * @param bundledFallback whether the bundled families may replace references that give no defined curve (true for
     *                        the user's own files; false when {@code data} already is the bundled data)
     * @throws IllegalArgumentException naming the available families when the family is absent
     */
    public static UserFamilyDiagnosis.Result diagnose(DiagnosisOptions options, Dataset data, String family,
            boolean bundledFallback) {
        boolean onlyFamily = data.byFamily().size() == 1;
        Dataset reference = onlyFamily && bundledFallback ? BundledData.baseModels() : data;
        UserFamilyDiagnosis diagnosis = UserFamilyDiagnosis.with(options);
        UserFamilyDiagnosis.Result r = diagnosis.diagnose(data, family, reference);
        if (r.referenceFamilies().isEmpty() && bundledFallback && reference == data) {
            // none of the data's other families has a defined coupling curve: compare with the bundled families
            r = diagnosis.diagnose(data, family, BundledData.baseModels());
        }
        return r;
    }
}
