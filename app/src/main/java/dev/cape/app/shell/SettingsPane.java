package dev.cape.app.shell;

import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckComboBox;

/** The settings panel: the analysis options, each bound to the settings view model. */
public final class SettingsPane extends VBox {

    // the Object views of the numeric properties are weakly referenced by bidirectional bindings: keep them
    private final ObjectProperty<Double> bandwidth;
    private final ObjectProperty<Double> tau;
    private final ObjectProperty<Integer> permutations;
    private final ObjectProperty<Integer> bootstrap;
    private final ObjectProperty<Integer> familyBootstrap;
    private final ObjectProperty<Long> seed;
    private boolean syncing;

    public SettingsPane(SettingsViewModel vm) {
        super(8);
        setId("settings");
        bandwidth = vm.bandwidthProperty().asObject();
        tau = vm.tauProperty().asObject();
        permutations = vm.permutationsProperty().asObject();
        bootstrap = vm.bootstrapProperty().asObject();
        familyBootstrap = vm.familyBootstrapProperty().asObject();
        seed = vm.seedProperty().asObject();

        CheckComboBox<String> reasoning = new CheckComboBox<>(vm.benchmarks());
        reasoning.setId("reasoning");
        reasoning.setMaxWidth(200);
        Runnable syncReasoning = () -> {
            syncing = true;
            reasoning.getCheckModel().clearChecks();
            vm.reasoning().forEach(b -> reasoning.getCheckModel().check(b));
            syncing = false;
        };
        vm.reasoning().addListener((ListChangeListener<String>) c -> syncReasoning.run());
        vm.benchmarks().addListener((ListChangeListener<String>) c -> syncReasoning.run());
        syncReasoning.run();
        reasoning.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> {
            if (!syncing) {
                vm.reasoning().setAll(reasoning.getCheckModel().getCheckedItems());
            }
        });
        ComboBox<String> truth = new ComboBox<>(vm.benchmarks());
        truth.setId("truth");
        truth.valueProperty().bindBidirectional(vm.truthProperty());

        Spinner<Double> h = doubleSpinner("bandwidth", 0.05, 3, 0.05, bandwidth);
        Spinner<Double> t = doubleSpinner("tau", 0, 0.95, 0.05, tau);
        Spinner<Integer> perms = intSpinner("permutations", 1, 1_000_000, 1000, permutations);
        Spinner<Integer> boot = intSpinner("bootstrap", 1, 1_000_000, 1000, bootstrap);
        Spinner<Integer> famBoot = intSpinner("family-bootstrap", 1, 100_000, 100, familyBootstrap);
        Spinner<Integer> seedSpinner = new Spinner<>(0, Integer.MAX_VALUE, seed.get().intValue());
        seedSpinner.setEditable(true);
        seedSpinner.setId("seed");
        seedSpinner.valueProperty().addListener((o, a, b) -> seed.set(b.longValue()));
        seed.addListener((o, a, b) -> seedSpinner.getValueFactory().setValue(b.intValue()));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Reasoning R"), reasoning);
        grid.addRow(1, new Label("Truthfulness T"), truth);
        grid.addRow(2, new Label("Bandwidth h"), h);
        grid.addRow(3, new Label("Threshold τ"), t);
        grid.addRow(4, new Label("Permutations"), perms);
        grid.addRow(5, new Label("Bootstrap B"), boot);
        grid.addRow(6, new Label("B per family"), famBoot);
        grid.addRow(7, new Label("Seed"), seedSpinner);
        grid.getChildren().forEach(n -> {
            if (n instanceof Label l) {
                l.setMinWidth(Label.USE_PREF_SIZE);
            }
        });
        Label error = new Label();
        error.setId("settings-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(vm.errorProperty());
        Button defaults = new Button("Defaults");
        defaults.setOnAction(e -> vm.resetToDefaults());
        Label help = new Label("h: kernel bandwidth in decades of N. τ: phase threshold on the coupling. Bootstrap B:"
                + " resamples over families for the mean N_c; B per family: resamples for each N_c interval."
                + " Every change recomputes at once.");
        help.setWrapText(true);
        getChildren().addAll(new Label("Settings"), grid, defaults, error, help);
    }

    private static Spinner<Double> doubleSpinner(String id, double min, double max, double step,
                                                 ObjectProperty<Double> value) {
        Spinner<Double> s = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, value.get(), step));
        s.setEditable(true);
        s.setId(id);
        s.setPrefWidth(110);
        s.getValueFactory().valueProperty().bindBidirectional(value);
        return s;
    }

    private static Spinner<Integer> intSpinner(String id, int min, int max, int step, ObjectProperty<Integer> value) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get(), step);
        s.setEditable(true);
        s.setId(id);
        s.setPrefWidth(110);
        s.getValueFactory().valueProperty().bindBidirectional(value);
        return s;
    }
}
