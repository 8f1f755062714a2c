package dev.cape.app.steering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.FxTaskRunner;
import dev.cape.app.model.ModelViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The steering tab on a stage, headless, with the background runner: extract a direction, then generate. */
@ExtendWith(ApplicationExtension.class)
class SteeringUiTest {

    @TempDir
    Path dir;
    FxTaskRunner runner;
    ModelViewModel model;
    SteeringConsoleViewModel vm;
    TabPane sections;

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner();
        model = new ModelViewModel(runner);
        vm = new SteeringConsoleViewModel(model, runner);
        SteeringTab tab = new SteeringTab(vm, model);
        stage.setScene(new Scene(new TabPane(tab), 1100, 760));
        stage.show();
        sections = (TabPane) stage.getScene().lookup("#steering-sections");
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(model::close).get(30, TimeUnit.SECONDS);
        runner.shutdown();
    }

    @Test
    void extractThenGenerateShowsBothTextsAndTheBestLayer(FxRobot robot) throws Exception {
        Path gpt2 = dev.cape.app.TestData.gpt2();
        Path data = dev.cape.app.TestData.wordStatements(dir);
        robot.interact(() -> {
            model.pathProperty().set(gpt2.toString());
            vm.direction().sourceProperty().set(data.toString());
        });
        assertTrue(robot.lookup("#direction-save").queryAs(Button.class).isDisabled(), "nothing to save yet");
        robot.clickOn("#direction-extract");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> vm.direction().reportProperty().get() != null
                || !vm.direction().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.direction().errorProperty().get());
        int best = vm.direction().reportProperty().get().bestLayer();
        String summary = robot.lookup("#direction-summary").queryAs(Label.class).getText();
        assertTrue(summary.startsWith("layer " + best + ", σ"), summary);
        assertFalse(robot.lookup("#direction-save").queryAs(Button.class).isDisabled());

        robot.interact(() -> sections.getSelectionModel().select(1));
        robot.interact(() -> vm.generation().promptProperty().set("the of and"));
        robot.interact(() -> vm.generation().maxTokensProperty().set(6));
        robot.clickOn("#steer-generate");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.generation().steeredProperty().get().isEmpty()
                || !vm.generation().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", vm.generation().errorProperty().get());
        String plain = robot.lookup("#steer-unsteered").queryAs(TextArea.class).getText();
        String steered = robot.lookup("#steer-steered").queryAs(TextArea.class).getText();
        assertTrue(plain.startsWith("the of and") && plain.length() > "the of and".length(), plain);
        assertTrue(steered.startsWith("the of and") && steered.length() > "the of and".length(), steered);
        assertFalse(robot.lookup("#steer-generate").queryAs(Button.class).isDisabled(), "enabled again when done");
    }
}
