package dev.cape.analysis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A file in the layout of its public source reads through the aliases alone and gives the same numbers as the
 * bundled data: the header and three rows below are copied verbatim from {@code ryoungj/ObsScaling}
 * {@code eval_results/base_llm_benchmark_eval.csv} @4d6e1e4 (Apache-2.0), the source of the bundled rows.
 */
class ObsScalingFormatTest {

    private static final String OBS_SCALING = """
            Model,Model Family,Model Size (B),Pretraining Data Size (T),FLOPs (1E21),MMLU,ARC-C,HellaSwag,Winograd,\
            TruthfulQA,GSM8K,XWinograd,HumanEval
            meta-llama/Llama-2-7b-hf,Llama-2,7.0,2.0,84.0,0.4379609636092418,0.5307167235494881,0.7774347739494125,\
            0.7403314917127072,0.3898020280158031,0.1448066717210007,0.7548812733233227,0.1280487804878048
            meta-llama/Meta-Llama-3-8B,Llama-3,8.0,15.0,720.0,0.6649495492503578,,0.8201553475403306,\
            0.771112865035517,0.4395226511050948,0.4533737680060652,0.8011516647345902,0.3841463414634146
            tiiuae/falcon-7b,Falcon,7.0,1.5,63.0,0.2778547015328594,0.4786689419795222,0.7813184624576778,\
            0.7237569060773481,0.34263825539848,0.0462471569370735,0.7175723631696234,
            """;

    private static Dataset readObsScaling() {
        return CsvImporter.withDefaults().read(
                new ByteArrayInputStream(OBS_SCALING.getBytes(StandardCharsets.UTF_8)), "base_llm_benchmark_eval.csv");
    }

    @Test
    void obsScalingLayoutReadsWithTokensAndFlopsAsMetadataNotScores() {
        Dataset d = readObsScaling();
        assertEquals(3, d.models().size());
        assertEquals(List.of("mmlu", "arc_c", "hellaswag", "winogrande", "truthfulqa_mc2", "gsm8k", "xwinograd",
                "humaneval"), d.benchmarks());
        ModelRecord llama = d.models().get(0);
        assertEquals(Map.of("pretraining_data_size_t", "2.0", "flops_1e21", "84.0"), llama.attributes());
        assertEquals(OptionalInt.empty(), llama.hiddenSize());
        assertFalse(d.models().get(1).score(Benchmarks.ARC_C).isPresent(), "ARC-C empty in the source");
        assertFalse(d.models().get(2).score("humaneval").isPresent(), "HumanEval empty in the source");
        assertTrue(d.importNotes().stream().noneMatch(n -> n.contains("percentages")), d.importNotes().toString());
    }

    @Test
    void obsScalingRowsEqualTheBundledRowsOfTheSameModels() {
        Map<String, ModelRecord> bundled = new HashMap<>();
        BundledData.baseModels().models().forEach(m -> bundled.put(m.model(), m));
        for (ModelRecord m : readObsScaling().models()) {
            ModelRecord b = bundled.get(m.model());
            assertEquals(b.family(), m.family());
            assertEquals(b.paramsB(), m.paramsB(), 0);
            assertEquals(8 - (m.model().contains("Llama-3") || m.model().contains("falcon") ? 1 : 0),
                    m.scores().size(), m.model());
            m.scores().forEach((id, v) -> assertEquals(b.score(id).orElseThrow(), v, 0, m.model() + " " + id));
        }
    }
}
