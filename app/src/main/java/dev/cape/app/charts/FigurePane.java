package dev.cape.app.charts;

import dev.cape.app.workflow.charts.ChartExport;
import java.io.File;
import java.util.Locale;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToolBar;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/** A figure with a toolbar to export it as PNG or SVG at a chosen size, or copy it; until it exists, a line saying how to make it. */
public final class FigurePane extends BorderPane {

    private ChartViewer viewer;

    /**
     * @param vm       the figure
     * @param fileName default file name without extension, also the id stem of the nodes ("fig-NAME", ...)
     * @param empty    what to show before the first figure
     */
    public FigurePane(FigureViewModel vm, String fileName, String empty) {
        setId("fig-" + fileName);
        Spinner<Integer> w = size(1200);
        Spinner<Integer> h = size(800);
        Button png = new Button("PNG…");
        png.setOnAction(e -> choose(fileName, "png").ifPresent(f -> vm.export(f.toPath(), ChartExport.Format.PNG,
                w.getValue(), h.getValue())));
        Button svg = new Button("SVG…");
        svg.setOnAction(e -> choose(fileName, "svg").ifPresent(f -> vm.export(f.toPath(), ChartExport.Format.SVG,
                w.getValue(), h.getValue())));
        Button copy = new Button("Copy");
        copy.setOnAction(e -> Optional.ofNullable(vm.image(w.getValue(), h.getValue())).ifPresent(img -> {
            ClipboardContent content = new ClipboardContent();
            content.putImage(SwingFXUtils.toFXImage(img, null));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        }));
        Label outcome = new Label();
        outcome.textProperty().bind(javafx.beans.binding.Bindings.when(vm.errorProperty().isEmpty())
                .then(vm.messageProperty()).otherwise(vm.errorProperty()));
        ToolBar bar = new ToolBar(new Label("Size"), w, new Label("×"), h, png, svg, copy, outcome);
        bar.disableProperty().bind(vm.chartProperty().isNull());
        setTop(bar);
        Label hint = new Label(empty);
        hint.setWrapText(true);
        setCenter(hint);
        vm.chartProperty().addListener((o, a, chart) -> show(chart, hint, fileName));
        show(vm.chartProperty().get(), hint, fileName);
    }

    private void show(JFreeChart chart, Label hint, String fileName) {
        if (chart == null) {
            setCenter(hint);
            return;
        }
        if (viewer == null) {
            viewer = new ChartViewer(chart);
            viewer.setId("chart-" + fileName);
        } else {
            viewer.setChart(chart);
        }
        setCenter(viewer);
    }

    private static Spinner<Integer> size(int initial) {
        Spinner<Integer> s = new Spinner<>(50, 10_000, initial, 100);
        s.setEditable(true);
        s.setPrefWidth(90);
        return s;
    }

    private Optional<File> choose(String fileName, String ext) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(fileName + "." + ext);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        return Optional.ofNullable(fc.showSaveDialog(getScene().getWindow()));
    }
}
