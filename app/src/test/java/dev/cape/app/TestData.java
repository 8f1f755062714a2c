package dev.cape.app;

import dev.cape.analysis.diagnosis.DiagnosisOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small CSV files and fast settings shared by the GUI tests. */
public final class TestData {

    private TestData() {
    }

    /** The method's defaults with few resamples, so a full pass takes well under a second. */
    public static DiagnosisOptions fastOptions() {
        return DiagnosisOptions.defaults().withPermutations(300).withBootstrap(300).withFamilyBootstrap(100);
    }

    /** A valid CSV with one new family, "Testfam", of four sizes. */
    /** A session on the bundled base models, analysed on the calling thread with {@link #fastOptions()}. */
    public static dev.cape.app.shell.WorkbenchViewModel bundledSession() {
        var s = new dev.cape.app.shell.WorkbenchViewModel(new dev.cape.app.common.SameThreadTaskRunner(),
                fastOptions());
        s.replaceData(dev.cape.analysis.data.BundledData.baseModels(), java.util.Set.of());
        return s;
    }

    public static Path goodCsv(Path dir) {
        return write(dir.resolve("testfam.csv"), """
                model,family,params_b,hidden_size,arc_c,gsm8k,mmlu,truthfulqa_mc2
                test/a-1b,Testfam,1,2048,0.30,0.05,0.26,0.42
                test/a-3b,Testfam,3,2560,0.38,0.12,0.35,0.38
                test/a-7b,Testfam,7,4096,0.47,0.25,0.48,0.36
                test/a-30b,Testfam,30,6656,0.58,0.45,0.62,0.41
                """);
    }

    /** A valid CSV with one new family, "Pctfam", whose MMLU column is in percent (the import notes the conversion). */
    public static Path percentCsv(Path dir) {
        return write(dir.resolve("pctfam.csv"), """
                model,family,params_b,hidden_size,arc_c,gsm8k,mmlu,truthfulqa_mc2
                pct/p-1b,Pctfam,1,2048,0.30,0.05,26.0,0.42
                pct/p-3b,Pctfam,3,2560,0.38,0.12,35.0,0.38
                pct/p-7b,Pctfam,7,4096,0.47,0.25,48.0,0.36
                pct/p-30b,Pctfam,30,6656,0.58,0.45,62.0,0.41
                """);
    }

    /** A CSV whose fourth line has a score that is not a number. */
    public static Path badCsv(Path dir) {
        return write(dir.resolve("bad.csv"), """
                model,family,params_b,hidden_size,arc_c,gsm8k,mmlu,truthfulqa_mc2
                bad/b-1b,Badfam,1,2048,0.30,0.05,0.26,0.42
                bad/b-3b,Badfam,3,2560,0.38,0.12,0.35,0.38
                bad/b-7b,Badfam,7,4096,0.47,abc,0.48,0.36
                """);
    }

    /** A valid table whose headers the importer does not recognise as model, family or size. */
    public static Path unmappedCsv(Path dir) {
        return write(dir.resolve("unmapped.csv"), """
                name,group,billions,score_a,score_b,score_c,score_t
                u/u-1b,Mapfam,1,0.30,0.05,0.26,0.42
                u/u-3b,Mapfam,3,0.38,0.12,0.35,0.38
                u/u-7b,Mapfam,7,0.47,0.25,0.48,0.36
                u/u-30b,Mapfam,30,0.58,0.45,0.62,0.41
                """);
    }

    /** A namespace-unaware XML parser that does not fetch the SVG DTD (the build machine is offline). */
    public static javax.xml.parsers.DocumentBuilder xml() {
        try {
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tiny GPT-2 reference fixture (word-level vocabulary), or the test is skipped with the reason. */
    public static Path gpt2() {
        Path p = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(p),
                "reference fixtures absent: " + p.toAbsolutePath());
        return p;
    }

    /** Forty four-word statements of the GPT-2 fixture's vocabulary, labels alternating, as {@code words.csv}. */
    public static Path wordStatements(Path dir) {
        String[] vocab = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be"};
        java.util.Random r = new java.util.Random(1);
        StringBuilder csv = new StringBuilder("statement,label\n");
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 4; k++) {
                csv.append(k == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
            }
            csv.append(" .,").append(i % 2).append('\n');
        }
        return write(dir.resolve("words.csv"), csv.toString());
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
