package dev.cape.inference.model;

import com.google.gson.JsonParseException;

/**
 * Gson's syntax errors as one line for a user: where the JSON broke and what the parser expected there, without the
 * exception class names and the troubleshooting link that Gson appends on a second line.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * E.g. {@code "expected a value at line 1 column 38 (path $.hidden_size)"} for a
     * {@code MalformedJsonException: Expected value at line 1 column 38 path $.hidden_size\nSee https://...}.
     */
    public static String describe(JsonParseException e) {
        Throwable t = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage()).strip();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl).strip();
        }
        m = m.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
        m = m.replaceFirst(" path (\\$\\S*)$", " (path $1)");
        if (m.startsWith("Expected value")) {
            m = "expected a value" + m.substring("Expected value".length());
        } else if (m.startsWith("End of input")) {
            m = "the text ends early" + m.substring("End of input".length()) + "; expected the rest of the JSON";
        } else if (!m.isEmpty()) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }
}
