package dev.cape.app.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;

/** An error dialog: the message, with the details (stack trace) expandable. */
final class ErrorAlert {

    private ErrorAlert() {
    }

    static Alert of(String title, String message, Throwable details) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.setTitle(title);
        a.setHeaderText(title);
        if (details != null) {
            StringWriter w = new StringWriter();
            details.printStackTrace(new PrintWriter(w));
            TextArea area = new TextArea(w.toString());
            area.setEditable(false);
            a.getDialogPane().setExpandableContent(area);
        }
        return a;
    }
}
