package dev.cape.app.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.FxTaskRunner;
import dev.cape.app.model.ModelViewModel;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The attention-pattern pane of the head inspector headless on Monocle, on the tiny GPT-2 fixture. */
@ExtendWith(ApplicationExtension.class)
class PatternUiTest {

    @TempDir
    Path dir;

    FxTaskRunner runner;
    ModelViewModel model;
    HeadsViewModel vm;
    final Path gpt2 = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner();
        model = new ModelViewModel(runner);
        vm = new HeadsViewModel(model, runner);
        stage.setScene(new Scene(new TabPane(new HeadInspectorTab(vm, model)), 1400, 1000));
        stage.show();
    }

    @BeforeEach
    void loadFixture(FxRobot robot) {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        robot.interact(() -> robot.lookup("#heads-model-path").<TextField>query().setText(gpt2.toString()));
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.waitForAsyncFx(10_000, model::close);   // its properties are bound to nodes
        runner.shutdown();
    }

    @Test
    void showPatternDrawsTheHeatMapOfTheChosenHead(FxRobot robot) throws Exception {
        robot.interact(() -> {
            robot.lookup("#pattern-prompt").<TextField>query().setText("the cat of the");
            robot.lookup("#pattern-layer").<Spinner<Integer>>query().getValueFactory().setValue(1);
            robot.lookup("#pattern-head").<Spinner<Integer>>query().getValueFactory().setValue(2);
        });
        assertEquals("the cat of the", vm.pattern().promptProperty().get());
        assertTrue(robot.lookup("#chart-attention-pattern").tryQuery().isEmpty(), "no chart before Show");

        robot.clickOn("#pattern-show");
        waitForPatternOrError();
        assertEquals("", robot.lookup("#pattern-error").queryAs(Label.class).getText());
        ChartViewer viewer = robot.lookup("#chart-attention-pattern").query();
        assertNotNull(viewer.getChart());
        assertEquals("Attention pattern, layer 1 head 2", viewer.getChart().getTitle().getText());
        assertFalse(robot.lookup("#pattern-show").queryAs(Button.class).isDisabled());
        Spinner<Integer> head = robot.lookup("#pattern-head").query();
        Spinner<Integer> layer = robot.lookup("#pattern-layer").query();
        robot.interact(() -> head.getValueFactory().setValue(9));
        assertEquals(3, head.getValue(), "the loaded model has 4 heads per layer: the spinner stops at 3");
        robot.interact(() -> layer.getValueFactory().increment(5));
        assertEquals(model.layersProperty().get() - 1, layer.getValue());
    }

    @Test
    void headOutOfRangeShowsTheValidRange(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#pattern-head").<Spinner<Integer>>query().getValueFactory().setValue(9));
        robot.clickOn("#pattern-show");
        waitForPatternOrError();
        assertEquals("head must be in [0, 3] (the model has 4 heads per layer): 9",
                robot.lookup("#pattern-error").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#chart-attention-pattern").tryQuery().isEmpty());
    }

    @Test
    void selectingATableRowAfterACensusMovesThePatternToThatHead(FxRobot robot) throws Exception {
        String words = dev.cape.app.TestData.wordStatements(dir).toString();
        robot.interact(() -> {
            robot.lookup("#heads-truth").<ComboBox<String>>query().setValue(words);
            robot.lookup("#heads-reasoning").<ComboBox<String>>query().setValue(words);
            robot.lookup("#heads-limit").<Spinner<Integer>>query().getValueFactory().setValue(30);
            robot.lookup("#heads-permutations").<Spinner<Integer>>query().getValueFactory().setValue(50);
            robot.lookup("#heads-random").<Spinner<Integer>>query().getValueFactory().setValue(5);
        });
        robot.clickOn("#heads-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.reportProperty().get() != null
                || !vm.errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.runningProperty().get());
        assertEquals("", vm.errorProperty().get());
        robot.clickOn("#pattern-show");
        waitForPatternOrError();
        assertEquals(0, vm.pattern().patternProperty().get().head());

        TableView<HeadResult> table = robot.lookup("#heads-table").queryTableView();
        int row = table.getItems().size() - 1;   // rows are in layer-major order: the last head of the last layer
        HeadResult picked = table.getItems().get(row);
        assertEquals(3, picked.head());
        robot.interact(() -> table.getSelectionModel().select(row));
        Spinner<Integer> head = robot.lookup("#pattern-head").query();
        Spinner<Integer> layer = robot.lookup("#pattern-layer").query();
        assertEquals(picked.head(), head.getValue());
        assertEquals(picked.layer(), layer.getValue());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.pattern().patternProperty().get().head() == 3
                || !vm.pattern().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer viewer = robot.lookup("#chart-attention-pattern").query();
        assertEquals("Attention pattern, layer " + picked.layer() + " head 3", viewer.getChart().getTitle().getText());
    }

    private void waitForPatternOrError() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.runningProperty().get()
                && (vm.pattern().patternProperty().get() != null || !vm.pattern().errorProperty().get().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
