package dev.cape.app.steering;

import dev.cape.app.common.LazyTabs;
import dev.cape.app.model.ModelBar;
import dev.cape.app.model.ModelViewModel;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * The steering console tab: the shared model row on top, then "Truth direction", "Generate" and "Evaluate".
 */
public final class SteeringTab extends Tab {

    public SteeringTab(SteeringConsoleViewModel vm, ModelViewModel model) {
        super("Steering");
        setId("tab-steering");
        setClosable(false);
        LazyTabs.contentOnFirstShow(this, () -> content(vm, model));
    }

    private static javafx.scene.Node content(SteeringConsoleViewModel vm, ModelViewModel model) {
        TabPane sections = new TabPane(
                section("Truth direction", "steering-direction", new DirectionSection(vm.direction(), model)),
                section("Generate", "steering-generate", new GenerateSection(vm.generation(), model)),
                section("Evaluate", "steering-evaluate", new EvaluateSection(vm.sweep(), vm.generation(), model)));
        sections.setId("steering-sections");
        BorderPane content = new BorderPane(sections);
        content.setTop(new ModelBar(model, "steering"));
        return content;
    }

    private static Tab section(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }
}
