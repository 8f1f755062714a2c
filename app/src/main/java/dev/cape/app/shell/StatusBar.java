package dev.cape.app.shell;

import dev.cape.analysis.diagnosis.DiagnosisOptions;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom bar: the task in progress with its progress and a cancel button, errors, and the active settings. */
public final class StatusBar extends HBox {

    public StatusBar(WorkbenchViewModel vm) {
        super(10);
        setId("status-bar");
        setStyle("-fx-padding: 4 8 4 8;");
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setMinWidth(Button.USE_PREF_SIZE);
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(Label.USE_PREF_SIZE);
        Label pending = new Label("full permutation tests pending: p-values provisional");
        pending.setId("pending");
        pending.visibleProperty().bind(vm.fullPendingProperty());
        pending.setStyle("-fx-text-fill: #b26a00;");
        Label error = new Label();
        error.setId("analysis-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(vm.errorProperty());
        Label settings = new Label();
        settings.setId("active-settings");
        settings.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.optionsProperty().get()),
                vm.optionsProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        getChildren().addAll(bar, cancel, status, pending, error, spring, settings);
    }

    static String describe(DiagnosisOptions o) {
        return String.format(Locale.ROOT, "R = %s · T = %s · h = %.2f · τ = %.2f · perms = %d · B = %d/%d · seed %d",
                String.join("+", o.reasoning()), o.truth(), o.bandwidth(), o.tau(), o.permutations(), o.bootstrap(),
                o.familyBootstrap(), o.seed());
    }
}
