package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Without a display (tests run with java.awt.headless=true) the window cannot open; the CLI says so. */
class GuiCommandTest {

    @BeforeAll
    static void headless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "surefire runs the tests with java.awt.headless=true");
    }

    @Test
    void guiWithoutDisplayIsAUsageErrorWithAMessage() {
        CliRun run = CliRun.of("gui");
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("no display"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void noArgumentsWithoutDisplayPrintsTheDiagnosisWithANote() {
        CliRun run = CliRun.of();
        assertEquals(CapeCommand.EXIT_OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("no display, so no workbench window"), run.err());
        assertTrue(run.out().contains("N_c"), run.out());
    }

    @Test
    void screenshotNeedsAnOutputFolder() {
        CliRun run = CliRun.of("screenshot");
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("--out"), run.err());
    }

    @Test
    void aFileThatDoesNotExistIsRefusedNamingIt() {
        CliRun run = CliRun.of("gui", "no/such/scores.csv");
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("no such file or folder: no/such/scores.csv"), run.err());
    }

    @Test
    void screenshotRefusesAModelThatIsNotOneBeforeStarting() {
        CliRun run = CliRun.of("screenshot", "--out", "target/never", "--model", "no/such/model");
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--model no/such/model: no such file or folder"), run.err());
        CliRun notAModel = CliRun.of("screenshot", "--out", "target/never", "--model", "pom.xml");
        assertEquals(CapeCommand.EXIT_USAGE, notAModel.exitCode(), notAModel.err());
        assertTrue(notAModel.err().contains("not a Hugging Face model folder"), notAModel.err());
    }
}
