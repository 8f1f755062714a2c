package dev.cape.app.common;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * Builds a tab's content when the tab is first shown rather than with the window, so tabs the user may never open
 * do not delay the start (their view models run regardless; the content binds to their state when built).
 */
public final class LazyTabs {

    private LazyTabs() {
    }

    public static void contentOnFirstShow(Tab tab, Supplier<Node> content) {
        if (tab.isSelected()) {
            tab.setContent(content.get());
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now && tab.getContent() == null) {
                    tab.setContent(content.get());
                    tab.selectedProperty().removeListener(this);
                }
            }
        });
    }
}
