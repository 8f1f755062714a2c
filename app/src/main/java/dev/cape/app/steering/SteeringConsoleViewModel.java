package dev.cape.app.steering;

import dev.cape.app.common.TaskRunner;
import dev.cape.app.model.ModelViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The steering console's three parts on one shared model: the active truth direction, steered generation with it,
 * and the α sweep on an evaluation set; and the theme its charts are drawn for.
 */
public final class SteeringConsoleViewModel {

    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final DirectionViewModel direction;
    private final SteeringViewModel generation;
    private final SweepViewModel sweep;

    public SteeringConsoleViewModel(ModelViewModel model, TaskRunner runner) {
        direction = new DirectionViewModel(model, runner, dark);
        generation = new SteeringViewModel(model, direction.activeProperty());
        sweep = new SweepViewModel(model, runner, generation, dark);
    }

    public DirectionViewModel direction() { return direction; }
    public SteeringViewModel generation() { return generation; }
    public SweepViewModel sweep() { return sweep; }
    /** Dark chart colours; bind it to the workbench theme. */
    public BooleanProperty darkProperty() { return dark; }
}
