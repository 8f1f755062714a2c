package dev.cape.app.shell;

import dev.cape.app.charts.ChartsPane;
import dev.cape.app.data.ColumnMappingDialog;
import dev.cape.app.data.ColumnMappingViewModel;
import dev.cape.app.data.DataPane;
import dev.cape.app.family.FamilyTab;
import dev.cape.app.heads.HeadInspectorTab;
import dev.cape.app.steering.SteeringTab;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The main window's content: menus, data pane, chart tabs, settings and status bar; CSV files and model folders can be
 * dropped on it.
 */
public final class MainWindow extends BorderPane {

    private final SplitPane split;
    private final ChartsPane charts;

    public MainWindow(Workbench wb) {
        setId("main-window");
        ScrollPane settings = new ScrollPane(new SettingsPane(wb.settings()));
        settings.setFitToWidth(true);
        charts = new ChartsPane(wb.charts(), new FamilyTab(wb.family(), wb.compare(), wb.prediction()),
                new HeadInspectorTab(wb.heads(), wb.model()), new SteeringTab(wb.steering(), wb.model()));
        split = new SplitPane(new DataPane(wb.data(), wb.imports()), charts, settings);
        setCenter(split);
        setTop(menus(wb));
        setBottom(new StatusBar(wb.session()));
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                wb.openDropped(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        wb.imports().mappingRequestProperty().addListener((o, a, request) -> {
            if (request != null) {
                new ColumnMappingDialog(new ColumnMappingViewModel(request)).showAndWait().ifPresentOrElse(
                        m -> wb.imports().importWithMapping(request, m), () -> wb.imports().skipMapping(request));
            }
        });
    }

    public SplitPane split() {
        return split;
    }

    public ChartsPane charts() {
        return charts;
    }

    private MenuBar menus(Workbench wb) {
        MenuItem open = item("Open CSV…", "Shortcut+O", () -> chooseCsv().ifPresent(wb::openCsv));
        Menu recent = new Menu("Open recent");
        Runnable fillRecent = () -> recent.getItems().setAll(wb.sessions().recent().stream().map(p -> item(
                p.toString(), null, () -> wb.openAny(p))).toList());
        wb.sessions().recent().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        MenuItem openModel = item("Open model folder…", "Shortcut+M", () -> {
            File dir = new DirectoryChooser().showDialog(window());
            if (dir != null) {
                wb.openModel(dir.toPath());
            }
        });
        MenuItem openSession = item("Open session…", null, () -> chooseSession(false).ifPresent(wb.sessions()::open));
        MenuItem save = item("Save session…", "Shortcut+S", () -> chooseSession(true).ifPresent(wb.sessions()::save));
        MenuItem exportAll = item("Export all charts…", "Shortcut+E", () -> {
            File dir = new DirectoryChooser().showDialog(window());
            if (dir != null) {
                wb.charts().exportAll(dir.toPath(), 1200, 800);
            }
        });
        MenuItem quit = item("Quit", "Shortcut+Q", () -> window().hide());
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.selectedProperty().bindBidirectional(wb.charts().darkProperty());
        CheckMenuItem legends = new CheckMenuItem("Chart legends");
        legends.selectedProperty().bindBidirectional(wb.charts().legendsProperty());
        MenuItem recompute = item("Recompute", "F5", wb.session()::recompute);
        MenuItem cancel = item("Cancel", "Escape", wb.session()::cancel);
        return new MenuBar(new Menu("File", null, open, openModel, recent, openSession, save, exportAll, quit),
                new Menu("View", null, dark, legends), new Menu("Analysis", null, recompute, cancel));
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private java.util.Optional<List<Path>> chooseCsv() {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv", "*.CSV"));
        List<File> files = fc.showOpenMultipleDialog(window());
        return files == null ? java.util.Optional.empty() : java.util.Optional.of(files.stream().map(File::toPath).toList());
    }

    private java.util.Optional<Path> chooseSession(boolean save) {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CAPE session", "*.cape"));
        File f = save ? fc.showSaveDialog(window()) : fc.showOpenDialog(window());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    private Window window() {
        return getScene().getWindow();
    }
}
