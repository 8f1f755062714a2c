package dev.cape.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.workflow.charts.ChartKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screenshot job renders the window (light, selection, dark) and every chart offscreen. The toolkit is started
 * through TestFX, as for the other GUI tests of this JVM; the job then uses it as it is.
 */
class ScreenshotsTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void rendersTheWindowAndEveryChart(@TempDir Path dir) throws Exception {
        Screenshots.Report r = Screenshots.render(dir, 600, 400);
        assertEquals(5 + ChartKind.values().length, r.files().size());
        BufferedImage window = ImageIO.read(dir.resolve("main-window.png").toFile());
        assertEquals(1400, window.getWidth());
        assertEquals(900, window.getHeight());
        assertTrue(distinctColours(window) > 50, "the window is drawn, not blank");
        BufferedImage family = ImageIO.read(dir.resolve("main-window-family.png").toFile());
        assertTrue(distinctColours(family) > 50, "the family tab is drawn");
        for (ChartKind k : ChartKind.values()) {
            BufferedImage chart = ImageIO.read(dir.resolve(k.fileName() + ".png").toFile());
            assertEquals(600, chart.getWidth(), k.name());
            assertTrue(distinctColours(chart) > 10, k.name());
        }
        assertTrue(r.startMillis() > 0 && r.updateMillis() >= 0 && r.renderMillis() >= r.updateMillis());
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getHeight()).flatMap(y -> java.util.stream.IntStream
                .range(0, image.getWidth()).map(x -> image.getRGB(x, y))).distinct().count();
    }
}
