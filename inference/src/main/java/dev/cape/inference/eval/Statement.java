package dev.cape.inference.eval;

import java.util.Map;

/**
 * One labelled statement.
 *
 * @param text   the statement
 * @param label  true for a true statement
 * @param item   the item it belongs to: splits keep all statements of one item on the same side
 * @param extras the file's other columns, by header name (empty for generated statements)
 */
public record Statement(String text, boolean label, String item, Map<String, String> extras) {

    public Statement {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("statement text must not be empty");
        }
        if (item == null) {
            throw new IllegalArgumentException("item must not be null");
        }
        extras = Map.copyOf(extras);
    }
}
