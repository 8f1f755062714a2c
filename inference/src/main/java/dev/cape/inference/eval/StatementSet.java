package dev.cape.inference.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A named list of labelled statements with the provenance of its content.
 *
 * @param name       a short name (file name, or the generator and its seed)
 * @param sha256     sha256 of the source bytes (for files) or of the generated text
 * @param statements the statements, in file order
 */
public record StatementSet(String name, String sha256, List<Statement> statements) {

    public StatementSet {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("statement set " + name + " is empty");
        }
    }

    public int size() {
        return statements.size();
    }

    /**
     * Refuses a set without both true and false statements, which no direction can be fitted on.
     *
     * @throws StatementDataException naming the set and the counts
     */
    public StatementSet requireBothClasses() {
        int t = trueCount();
        if (t == 0 || t == size()) {
            throw new StatementDataException(name + ": found " + t + " true and " + (size() - t) + " false "
                    + "statements; expected both classes (labels 1 and 0) to fit a direction");
        }
        return this;
    }

    /** Number of true statements. */
    public int trueCount() {
        return (int) statements.stream().filter(Statement::label).count();
    }

    /** Distinct items in order of first appearance. */
    public List<String> items() {
        return new ArrayList<>(new LinkedHashSet<>(statements.stream().map(Statement::item).toList()));
    }

    /** Row indices of each item, items in order of first appearance. */
    public Map<String, List<Integer>> rowsByItem() {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            out.computeIfAbsent(statements.get(i).item(), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /** The statements at the given rows, as a new set with the same provenance. */
    public StatementSet subset(int[] rows) {
        List<Statement> out = new ArrayList<>(rows.length);
        for (int r : rows) {
            out.add(statements.get(r));
        }
        return new StatementSet(name, sha256, out);
    }

    /** Labels as a boolean array, in order. */
    public boolean[] labels() {
        boolean[] out = new boolean[statements.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = statements.get(i).label();
        }
        return out;
    }
}
