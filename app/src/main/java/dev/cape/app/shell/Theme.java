package dev.cape.app.shell;

import java.util.Objects;
import javafx.scene.Scene;

/** Light and dark themes: one stylesheet each, swapped on the scene. */
public enum Theme {
    LIGHT("light.css"), DARK("dark.css");

    private final String stylesheet;

    Theme(String file) {
        this.stylesheet = Objects.requireNonNull(Theme.class.getResource(file), file).toExternalForm();
    }

    public static Theme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }

    public void applyTo(Scene scene) {
        for (Theme t : values()) {
            scene.getStylesheets().remove(t.stylesheet);
        }
        scene.getStylesheets().add(stylesheet);
    }
}
