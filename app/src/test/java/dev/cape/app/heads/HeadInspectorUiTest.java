package dev.cape.app.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.FxTaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.charts.HeadMetric;
import dev.cape.inference.heads.HeadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The head inspector tab headless on Monocle: settings through its controls, a census on the tiny GPT-2 fixture. */
@ExtendWith(ApplicationExtension.class)
class HeadInspectorUiTest {

    @TempDir
    Path dir;

    FxTaskRunner runner;
    ModelViewModel model;
    HeadsViewModel vm;

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner();
        model = new ModelViewModel(runner);
        vm = new HeadsViewModel(model, runner);
        stage.setScene(new Scene(new TabPane(new HeadInspectorTab(vm, model)), 1400, 850));
        stage.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.waitForAsyncFx(10_000, model::close);   // its properties are bound to nodes
        runner.shutdown();
    }

    @Test
    void runFillsTheTableAndDrawsTheMap(FxRobot robot) throws Exception {
        Path gpt2 = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        String words = dev.cape.app.TestData.wordStatements(dir).toString();
        robot.interact(() -> {
            robot.lookup("#heads-model-path").<TextField>query().setText(gpt2.toString());
            robot.lookup("#heads-truth").<ComboBox<String>>query().setValue(words);
            robot.lookup("#heads-reasoning").<ComboBox<String>>query().setValue(words);
            robot.lookup("#heads-limit").<Spinner<Integer>>query().getValueFactory().setValue(30);
            robot.lookup("#heads-permutations").<Spinner<Integer>>query().getValueFactory().setValue(200);
            robot.lookup("#heads-random").<Spinner<Integer>>query().getValueFactory().setValue(10);
        });
        assertEquals(words, vm.truthSourceProperty().get());
        assertEquals(200, vm.permutationsProperty().get());
        assertEquals(30, vm.limitProperty().get());
        Label verdict = robot.lookup("#heads-verdict").queryAs(Label.class);
        assertEquals("", verdict.getText());

        robot.clickOn("#heads-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !verdict.getText().isEmpty()
                || !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", robot.lookup("#heads-error").queryAs(Label.class).getText());
        assertTrue(verdict.getText().contains("competing"), verdict.getText());
        assertFalse(robot.lookup("#heads-run").queryAs(Button.class).isDisabled());

        TableView<HeadResult> table = robot.lookup("#heads-table").queryTableView();
        // the fixture: 2 layers × 4 heads (config.json n_layer, n_head); the census reports one row per head
        assertEquals(vm.reportProperty().get().heads().size(), table.getItems().size());
        assertEquals(2 * 4, table.getItems().size());
        assertEquals(200, vm.reportProperty().get().permutations());
        ChartViewer viewer = robot.lookup("#chart-head-map").query();
        assertNotNull(viewer.getChart());
        assertTrue(viewer.getChart().getTitle().getText().contains("truth z"));

        robot.interact(() -> robot.lookup("#heads-metric").<ComboBox<HeadMetric>>query()
                .setValue(HeadMetric.REASONING_SIGMA));
        assertTrue(viewer.getChart().getTitle().getText().contains("reasoning effect"),
                viewer.getChart().getTitle().getText());
    }
}
