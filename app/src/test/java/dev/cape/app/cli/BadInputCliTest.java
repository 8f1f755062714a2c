package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed inputs and unusable output paths through the real commands: a non-zero exit code and one line on stderr
 * naming the file and what is wrong, checked before any long work starts.
 */
class BadInputCliTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void frontierFileThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("nope.csv");
        CliRun.of("frontier", "--data", missing.toString()).assertOneLine(CapeCommand.EXIT_BAD_DATA,
                missing + ": no such file; expected a CSV file");
    }

    @Test
    void frontierWithTooFewModelsNamesTheFileAndTheExcludedRows() throws IOException {
        Path f = write("two.csv", "model,lab,reasoning_score,truth_score\nA,L,0.5,0.2\nB,L,0.6,0.3\nC,L,0.7,\n");
        CliRun.of("frontier", "--data", f.toString(), "--permutations", "10", "--bootstrap", "10")
                .assertOneLine(CapeCommand.EXIT_BAD_DATA,
                f + ": found 2 models with both scores (excluded: line 4 (C): empty "
                        + "truth_score); expected at least 3");
    }

    @Test
    void frontierWithByteOrderMarkIsRead() throws IOException {
        Path f = write("bom.csv", "\uFEFFmodel,lab,reasoning_score,truth_score\nA,L,0.5,0.2\nB,M,0.6,0.3\n"
                + "C,L,0.7,0.1\n");
        CliRun run = CliRun.of("frontier", "--data", f.toString(), "--permutations", "10", "--bootstrap", "10");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void scoresWithAModelListedTwiceAreRefused() throws IOException {
        Path f = write("dup.csv", "model,family,params_b,arc_c,gsm8k,mmlu,truthfulqa_mc2\n"
                + "a,F,1,0.5,0.5,0.5,0.5\nb,F,2,0.5,0.5,0.5,0.5\na,F,1,0.5,0.5,0.5,0.5\n");
        CliRun.of("pca", "--data", f.toString()).assertOneLine(CapeCommand.EXIT_BAD_DATA,
                f + ", line 4, column 'model': found model 'a' again (first at line 2)");
    }

    @Test
    void outputThatIsADirectoryIsRefusedBeforeTheDataIsRead() {
        // the missing data file would be reported if the output were checked only at the end
        CliRun.of("diagnose", "--data", dir.resolve("missing.csv").toString(), "--out", dir.toString())
                .assertOneLine(CapeCommand.EXIT_USAGE, "--out " + dir + " is a directory; expected a file path");
    }

    @Test
    void outputUnderARegularFileIsRefusedNamingTheFolder() throws IOException {
        Path file = write("a-file", "x");
        Path out = file.resolve("report.txt");
        CliRun.of("pca", "--out", out.toString()).assertOneLine(CapeCommand.EXIT_BAD_DATA,
                "--out " + out + ": cannot create a file in " + file, "exists and is not a folder");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void reportFolderThatIsAFileIsRefused() throws IOException {
        Path file = write("report", "keep me");
        CliRun.of("report", "--out", file.toString(), "--no-figures").assertOneLine(CapeCommand.EXIT_USAGE,
                "--out " + file + " is a file; expected a folder");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void chartUnderARegularFileIsRefusedBeforeTheModelIsLoaded() throws IOException {
        Path file = write("a-file", "x");
        CliRun run = CliRun.of("direction", "--model", dir.resolve("no-model").toString(), "--data",
                "bundled:larger_than", "--out", dir.resolve("v.safetensors").toString(), "--chart",
                file.resolve("c.png").toString());
        run.assertOneLine(CapeCommand.EXIT_BAD_DATA, "--chart " + file.resolve("c.png"), "cannot create a file");
    }
}
