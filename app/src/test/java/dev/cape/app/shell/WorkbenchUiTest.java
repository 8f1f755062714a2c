package dev.cape.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import dev.cape.analysis.data.BundledData;
import dev.cape.app.TestData;
import dev.cape.app.common.FxTaskRunner;
import dev.cape.app.data.ImportNote;
import dev.cape.app.data.ImportProblem;
import dev.cape.app.data.ModelRow;
import dev.cape.app.workflow.charts.ChartExport;
import dev.cape.app.workflow.charts.ChartKind;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The key flows through the real window, headless on Monocle, with the background runner of the application. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {

    static final int FAMILIES = BundledData.baseModels().byFamily().size();
    static final int MODELS = BundledData.baseModels().models().size();

    @TempDir
    Path dir;
    static final Preferences NODE = Preferences.userRoot().node("dev/cape/test/ui-" + ProcessHandle.current().pid());
    FxTaskRunner runner;
    Workbench wb;

    @Start
    void start(Stage stage) throws Exception {
        NODE.clear();
        WorkbenchPreferences prefs = new WorkbenchPreferences(NODE);
        prefs.setOptions(TestData.fastOptions());
        prefs.setWindowBounds(0, 0, 1200, 780);
        runner = new FxTaskRunner();
        wb = new Workbench(runner, prefs);
        wb.show(stage);
        wb.loadBundled();
    }

    @AfterEach
    void stop() {
        runner.shutdown();
    }

    @AfterAll
    static void removePreferences() throws Exception {
        NODE.removeNode();
    }

    @Test
    void startsOnTheBundledDataAndShowsTheFamilies(FxRobot robot) throws Exception {
        awaitAnalysis();
        ListView<String> families = robot.lookup("#family-list").queryListView();
        assertEquals(FAMILIES, families.getItems().size());
        assertTrue(families.getItems().contains("Llama-2"));
        assertEquals(MODELS, table(robot).getItems().size());
        ChartViewer viewer = robot.lookup("#chart-reasoning-truthfulness").query();
        assertEquals(wb.session().resultProperty().get().diagnosis().families().size(),
                viewer.getChart().getXYPlot().getDataset(0).getSeriesCount());
        assertTrue(robot.lookup("#active-settings").queryLabeled().getText().contains("h = 0.40"));
        List<String> tabs = robot.lookup("#charts").<javafx.scene.control.TabPane>query().getTabs().stream()
                .filter(t -> !t.isDisabled()).map(javafx.scene.control.Tab::getId).toList();
        assertTrue(tabs.containsAll(List.of("tab-family", "tab-heads", "tab-steering")), tabs.toString());
        javafx.scene.control.Tab steering = robot.lookup("#charts").<javafx.scene.control.TabPane>query().getTabs()
                .stream().filter(t -> "tab-steering".equals(t.getId())).findFirst().orElseThrow();
        assertEquals(null, steering.getContent(), "built when first shown, not with the window");
        robot.interact(() -> wb.window().charts().showTab("tab-steering"));
        assertNotNull(steering.getContent());
    }

    @Test
    void droppingACsvAddsItsFamilies(FxRobot robot) throws Exception {
        awaitAnalysis();
        drop(robot, TestData.goodCsv(dir));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> familyList(robot).getItems().contains("Testfam"));
        awaitAnalysis();
        assertEquals(MODELS + 4, table(robot).getItems().size());
        assertTrue(table(robot).getItems().stream().anyMatch(r -> r.family().equals("Testfam")
                && !Double.isNaN(r.coupling())), "the new family is analysed");
    }

    @Test
    void droppingACsvInPercentShowsItsImportNoteNamingTheFile(FxRobot robot) throws Exception {
        awaitAnalysis();
        ListView<ImportNote> notes = robot.lookup("#import-notes").queryListView();
        int bundled = notes.getItems().size();
        drop(robot, TestData.percentCsv(dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> notes.getItems().size() == bundled + 1);
        WaitForAsyncUtils.waitForFxEvents();
        TitledPane pane = robot.lookup("#import-notes-pane").query();
        assertTrue(pane.isVisible());
        assertTrue(pane.getText().startsWith("Import notes (" + (bundled + 1) + ")"), pane.getText());
        String text = notes.getItems().get(bundled).text();
        assertTrue(text.contains("pctfam.csv: column 'mmlu' (mmlu): percentages"), text);
        assertTrue(robot.from(notes).lookup(".list-cell").queryAll().stream().anyMatch(c -> c instanceof javafx.scene
                .control.ListCell<?> cell && text.equals(cell.getText())), "the newest note is scrolled into view");
    }

    @Test
    void droppingABadCsvShowsTheErrorAndKeepsTheData(FxRobot robot) throws Exception {
        awaitAnalysis();
        drop(robot, TestData.badCsv(dir));
        ListView<ImportProblem> problems = robot.lookup("#import-problems").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> problems.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(problems.isVisible());
        String message = problems.getItems().get(0).message();
        assertTrue(message.contains("bad.csv, line 4, column 'gsm8k'"), message);
        assertEquals(MODELS, table(robot).getItems().size());
        assertFalse(familyList(robot).getItems().contains("Badfam"));
    }

    @Test
    void unrecognisedHeadersOpenTheMappingDialogAndTheMappedFileIsAdded(FxRobot robot) throws Exception {
        awaitAnalysis();
        drop(robot, TestData.unmappedCsv(dir));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#role-family").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#role-family").<ComboBox<String>>query().setValue("group");
            robot.lookup("#role-size").<ComboBox<String>>query().setValue("billions");
            robot.lookup("#benchmark-score_a").<ComboBox<String>>query().setValue("arc_c");
            robot.lookup("#benchmark-score_b").<ComboBox<String>>query().setValue("gsm8k");
            robot.lookup("#benchmark-score_c").<ComboBox<String>>query().setValue("mmlu");
            robot.lookup("#benchmark-score_t").<ComboBox<String>>query().setValue("truthfulqa_mc2");
        });
        assertEquals("name", robot.lookup("#role-model").<ComboBox<String>>query().getValue(), "prefilled alias");
        DialogPane pane = robot.lookup(".dialog-pane").query();
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> familyList(robot).getItems().contains("Mapfam"));
        awaitAnalysis();
        assertTrue(table(robot).getItems().stream().anyMatch(r -> r.family().equals("Mapfam")
                && !Double.isNaN(r.coupling())));
    }

    @Test
    void changingTheBandwidthChangesTheNcShown(FxRobot robot) throws Exception {
        awaitAnalysis();
        String before = nc(robot, "Falcon");
        Spinner<Double> bandwidth = robot.lookup("#bandwidth").query();
        robot.interact(() -> bandwidth.increment(4));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> wb.session().resultProperty().get().diagnosis().options().bandwidth() == 0.6);
        awaitAnalysis();
        assertTrue(robot.lookup("#active-settings").queryLabeled().getText().contains("h = 0.60"));
        assertNotEquals(before, nc(robot, "Falcon"));
    }

    @Test
    void exportingAChartWritesAValidPngAndAWellFormedSvg(FxRobot robot) throws Exception {
        awaitAnalysis();
        Path png = dir.resolve("coupling.png");
        Path svg = dir.resolve("coupling.svg");
        robot.interact(() -> wb.charts().export(ChartKind.COUPLING, png, ChartExport.Format.PNG, 800, 500));
        robot.interact(() -> wb.charts().export(ChartKind.COUPLING, svg, ChartExport.Format.SVG, 800, 500));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> png.toFile().exists() && svg.toFile().exists()
                || !wb.charts().errorProperty().get().isEmpty());
        assertEquals("", wb.charts().errorProperty().get());
        assertEquals(800, ImageIO.read(png.toFile()).getWidth());
        assertEquals("svg", TestData.xml().parse(svg.toFile())
                .getDocumentElement().getTagName());
    }

    @Test
    void copyPutsTheShownChartOnTheClipboardAsAnImage(FxRobot robot) throws Exception {
        awaitAnalysis();
        Button copy = robot.lookup("#copy-reasoning-truthfulness").queryButton();
        robot.interact(copy::fire);
        Image image = clipboardImage();
        assertNotNull(image);
        assertEquals(1200, image.getWidth());
        assertEquals(800, image.getHeight());
    }

    @Test
    void selectingModelsOfOneFamilyShowsItsDiagnosisAndInterventions(FxRobot robot) throws Exception {
        awaitAnalysis();
        TableView<ModelRow> table = table(robot);
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).family().equals("Qwen1.5")) {
                    table.getSelectionModel().select(i);
                }
            }
            robot.lookup("#charts").<javafx.scene.control.TabPane>query().getSelectionModel()
                    .select(robot.lookup("#charts").<javafx.scene.control.TabPane>query().getTabs().stream()
                            .filter(t -> "tab-family".equals(t.getId())).findFirst().orElseThrow());
        });
        TableView<?> models = robot.lookup("#family-models").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !models.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Qwen1.5", robot.lookup("#family-choice").<ComboBox<String>>query().getValue());
        assertEquals(BundledData.baseModels().byFamily().get("Qwen1.5").size(), models.getItems().size());
        javafx.scene.layout.VBox interventions = robot.lookup("#family-interventions").query();
        assertEquals(3, interventions.getChildren().size(), "width, data curation, benchmark rotation");
        assertTrue(robot.lookup("#family-summary").queryLabeled().getText().startsWith("Qwen1.5: "));
        assertTrue(robot.lookup("#family-rotation").tryQuery().isPresent());
        String tsv = WaitForAsyncUtils.asyncFx(() -> dev.cape.app.common.TableMenu.text(models,
                dev.cape.app.common.TableText.Format.TSV)).get();
        List<String> lines = tsv.lines().toList();
        assertEquals(models.getItems().size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith("model\tN (B)\tR\tT\tcoupling\tphase"), lines.get(0));
        var first = wb.family().resultProperty().get().models().get(0);
        assertTrue(lines.get(1).startsWith(first.model() + "\t" + first.paramsB() + "\t" + first.reasoning()),
                "unrounded values: " + lines.get(1));
        robot.interact(() -> robot.lookup("#family-predict").queryButton().fire());
        TableView<?> predicted = robot.lookup("#family-predict-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !predicted.getItems().isEmpty()
                || !wb.prediction().errorProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(BundledData.baseModels().byFamily().get("Qwen1.5").size(), predicted.getItems().size(),
                wb.prediction().errorProperty().get());
        assertTrue(robot.lookup("#family-predict-summary").queryLabeled().getText()
                .contains("mean absolute percentage error"));
    }

    @Test
    void droppingAModelFolderLoadsItForTheModelTabsAndShowsTheHeadInspector(FxRobot robot) throws Exception {
        awaitAnalysis();
        Path gpt2 = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(gpt2), "fixtures absent");
        drop(robot, gpt2);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> wb.model().descriptionProperty().get()
                .startsWith("gpt2 · gpt2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(gpt2.toString(), wb.model().pathProperty().get());
        assertEquals("tab-heads", robot.lookup("#charts").<javafx.scene.control.TabPane>query().getSelectionModel()
                .getSelectedItem().getId());
        assertTrue(wb.imports().problems().isEmpty(), "the folder is not read as a CSV");
        assertEquals(MODELS, table(robot).getItems().size());
    }

    @Test
    void placingATypedModelShowsWhereItFallsAmongTheFamilies(FxRobot robot) throws Exception {
        awaitAnalysis();
        robot.interact(() -> wb.window().charts().showTab("tab-family"));   // the tab's content is built when shown
        robot.interact(() -> robot.lookup("#family-place-pane").<TitledPane>query().setExpanded(true));
        robot.interact(() -> {
            robot.lookup("#family-place-name").<javafx.scene.control.TextField>query().setText("mine-1b");
            robot.lookup("#family-place-params").<javafx.scene.control.TextField>query().setText("1");
            for (String b : wb.family().placeBenchmarks()) {
                robot.lookup("#family-place-" + b).<javafx.scene.control.TextField>query().setText("0.3");
            }
        });
        robot.clickOn("#family-place");
        TableView<?> placements = robot.lookup("#family-placements").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> placements.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(placements.isVisible());
        assertTrue(robot.lookup("#family-summary").queryLabeled().getText().contains("(placed) mine-1b has 1 model"),
                robot.lookup("#family-summary").queryLabeled().getText());
        assertEquals(MODELS, table(robot).getItems().size(), "the placed model does not join the data");
    }

    private static Image clipboardImage() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getImage()).get();
    }

    private void awaitAnalysis() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> wb.session().resultProperty().get() != null
                && !wb.session().fullPendingProperty().get() && !wb.imports().importingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void drop(FxRobot robot, Path file) {
        Node window = robot.lookup("#main-window").query();
        robot.interact(() -> {
            Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(new File(file.toString())));
            board.setContent(content);
            window.fireEvent(new DragEvent(DragEvent.DRAG_DROPPED, board, 100, 100, 100, 100, TransferMode.COPY,
                    null, window, null));
        });
    }

    private static TableView<ModelRow> table(FxRobot robot) {
        return robot.lookup("#model-table").queryTableView();
    }

    private static ListView<String> familyList(FxRobot robot) {
        return robot.lookup("#family-list").queryListView();
    }

    private static String nc(FxRobot robot, String family) {
        String nc = table(robot).getItems().stream().filter(r -> r.family().equals(family)).findFirst().orElseThrow()
                .nc();
        assertNotNull(nc);
        return nc;
    }
}
