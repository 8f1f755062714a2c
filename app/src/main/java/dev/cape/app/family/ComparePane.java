package dev.cape.app.family;

import dev.cape.analysis.compare.MatchedScaleComparison.Estimate;
import dev.cape.analysis.compare.MatchedScaleComparison.Point;
import dev.cape.app.common.Columns;
import dev.cape.app.common.TableMenu;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** "Compare at matched scale": family B, an optional size, and the table of both couplings and the equivalent scale. */
final class ComparePane extends TitledPane {

    ComparePane(CompareViewModel vm, FamilyViewModel family) {
        setText("Compare with another family at matched scale (as cape compare)");
        setExpanded(false);
        setId("family-compare-pane");
        ComboBox<String> other = new ComboBox<>(family.families());
        other.setId("family-compare-with");
        other.valueProperty().bindBidirectional(vm.otherProperty());
        TextField at = new TextField();
        at.setId("family-compare-at");
        at.setPromptText("every shared size");
        at.setPrefWidth(120);
        at.textProperty().bindBidirectional(vm.atProperty());
        Button compare = new Button("Compare");
        compare.setId("family-compare");
        compare.disableProperty().bind(vm.runningProperty());
        compare.setOnAction(e -> vm.compare());
        Label error = new Label();
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(vm.errorProperty());
        HBox row = new HBox(8, new Label("B ="), other, new Label("at N (B)"), at, compare, error);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TableView<Point> table = new TableView<>(vm.rows());
        table.setId("family-compare-table");
        TableMenu.attach(table, "matched-scale");
        table.getColumns().add(Columns.number("N (B)", Point::paramsB, "%.3g", 64));
        table.getColumns().add(Columns.number("c_A", p -> p.couplingA().value(), "%+.3f", 64));
        table.getColumns().add(Columns.text("c_A 95% CI", p -> ci(p.couplingA()), 130));
        table.getColumns().add(Columns.number("c_B", p -> p.couplingB().value(), "%+.3f", 64));
        table.getColumns().add(Columns.text("c_B 95% CI", p -> ci(p.couplingB()), 130));
        table.getColumns().add(Columns.number("c_B − c_A", p -> p.difference().value(), "%+.3f", 76));
        table.getColumns().add(Columns.text("95% CI", p -> ci(p.difference()), 130));
        table.getColumns().add(Columns.text("equivalent scale in B", p -> p.equivalent().message(), 420));
        table.setPrefHeight(FamilyTables.heightFor(4));
        vm.rows().addListener((javafx.collections.ListChangeListener<Point>) c -> table.setPrefHeight(
                FamilyTables.heightFor(vm.rows().size())));
        setContent(new VBox(6, row, table));
    }

    private static String ci(Estimate e) {
        return e.hasInterval() ? String.format(Locale.ROOT, "[%+.3f, %+.3f]", e.lower(), e.upper()) : "(no interval)";
    }
}
