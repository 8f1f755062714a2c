package dev.cape.app.charts;

import dev.cape.app.workflow.charts.ChartExport;
import dev.cape.app.workflow.charts.ChartKind;
import java.awt.image.BufferedImage;
import java.io.File;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.ToolBar;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

/** One chart panel: the viewer and a toolbar to export it (PNG, SVG) at a chosen size or copy it. */
final class ChartTab extends Tab {

    private final BorderPane pane = new BorderPane(new Label("Analysing…"));
    private ChartViewer viewer;
    private final String viewerId;
    private JFreeChart pending;

    ChartTab(ChartKind kind, ChartsViewModel vm) {
        super(kind.title());
        setClosable(false);
        setId("tab-" + kind.fileName());
        viewerId = "chart-" + kind.fileName();
        Spinner<Integer> w = new Spinner<>(50, 10_000, 1200, 100);
        Spinner<Integer> h = new Spinner<>(50, 10_000, 800, 100);
        w.setEditable(true);
        h.setEditable(true);
        w.setPrefWidth(90);
        h.setPrefWidth(90);
        Button png = new Button("PNG…");
        png.setOnAction(e -> choose(kind, "png").ifPresent(f -> vm.export(kind, f.toPath(), ChartExport.Format.PNG,
                w.getValue(), h.getValue())));
        Button svg = new Button("SVG…");
        svg.setOnAction(e -> choose(kind, "svg").ifPresent(f -> vm.export(kind, f.toPath(), ChartExport.Format.SVG,
                w.getValue(), h.getValue())));
        Button copy = new Button("Copy");
        copy.setId("copy-" + kind.fileName());
        copy.setOnAction(e -> copy(vm.image(kind, w.getValue(), h.getValue())));
        CheckBox legend = new CheckBox("Legend");
        legend.selectedProperty().bindBidirectional(vm.legendsProperty());
        pane.setTop(new ToolBar(new Label("Size"), w, new Label("×"), h, png, svg, copy, legend));
        setContent(pane);
        vm.chartsProperty().addListener((o, a, b) -> offer(b.get(kind)));
        selectedProperty().addListener((o, a, selected) -> offer(pending));
        offer(vm.chartsProperty().get().get(kind));
    }

    /** Shows a chart now when the tab is selected, otherwise when it is next selected (hidden tabs do not redraw). */
    private void offer(JFreeChart chart) {
        pending = chart;
        if (chart == null || !isSelected()) {
            return;
        }
        pending = null;
        if (viewer == null) {
            viewer = new ChartViewer(chart);
            viewer.setId(viewerId);
            pane.setCenter(viewer);
        } else {
            viewer.setChart(chart);
        }
    }

    private java.util.Optional<File> choose(ChartKind kind, String ext) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(kind.fileName() + "." + ext);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT),
                "*." + ext));
        return java.util.Optional.ofNullable(fc.showSaveDialog(getTabPane().getScene().getWindow()));
    }

    private static void copy(BufferedImage image) {
        if (image != null) {
            ClipboardContent content = new ClipboardContent();
            content.putImage(SwingFXUtils.toFXImage(image, null));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        }
    }
}
