package dev.cape.app.workflow;

import dev.cape.inference.eval.GeneratedStatements;
import dev.cape.inference.eval.StatementCsv;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.eval.TruthfulQa;
import java.nio.file.Path;

/**
 * Statement sets named on the command line: a CSV file (statement,label), a TruthfulQA file (its MC2 answers as
 * statements), {@code generated:KIND[:PAIRS[:SEED]]} (larger-than, smaller-than, addition; default 500 pairs,
 * seed 1), or {@code bundled:larger_than} / {@code bundled:smaller_than} (the Geometry of Truth files the product
 * ships, see {@code truth/SOURCES.md} in the resources module).
 */
public final class StatementSources {

    private StatementSources() {
    }

    /** Whether {@code spec} names a set ({@code generated:...}, {@code bundled:...}) rather than a file. */
    public static boolean isNamed(String spec) {
        return spec.startsWith("generated:") || spec.startsWith("bundled:");
    }

    public static StatementSet read(String spec) {
        if (spec.startsWith("generated:")) {
            String[] p = spec.substring("generated:".length()).split(":");
            GeneratedStatements.Kind kind = GeneratedStatements.Kind.parse(p[0]);
            int pairs = p.length > 1 ? parseInt(p[1], spec) : 500;
            long seed = p.length > 2 ? parseInt(p[2], spec) : 1;
            return GeneratedStatements.generate(kind, pairs, seed);
        }
        if (spec.startsWith("bundled:")) {
            String name = spec.substring("bundled:".length());
            if (!name.equals("larger_than") && !name.equals("smaller_than")) {
                throw new IllegalArgumentException("unknown bundled set '" + name
                        + "', expected larger_than or smaller_than");
            }
            try (var in = dev.cape.resources.BundledResources.open("truth/" + name + ".csv")) {
                byte[] bytes = in.readAllBytes();
                return dev.cape.inference.eval.StatementCsv.parse(new String(bytes,
                        java.nio.charset.StandardCharsets.UTF_8), name + ".csv",
                        dev.cape.inference.eval.Hashing.sha256(bytes));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read bundled " + name + ": " + e.getMessage(), e);
            }
        }
        Path file = Path.of(spec);
        if (TruthfulQa.looksLikeTruthfulQa(file)) {
            return TruthfulQa.asStatements(TruthfulQa.read(file));
        }
        return StatementCsv.read(file);
    }

    /** The first {@code n} items (all their statements), for bounded runs; all when {@code n <= 0}. */
    public static StatementSet limitItems(StatementSet set, int n, long seed) {
        if (n <= 0 || set.rowsByItem().size() <= n) {
            return set;
        }
        java.util.List<String> items = new java.util.ArrayList<>(set.rowsByItem().keySet());
        java.util.Collections.shuffle(items, new java.util.Random(seed));
        java.util.Set<String> keep = new java.util.HashSet<>(items.subList(0, n));
        int[] rows = java.util.stream.IntStream.range(0, set.size())
                .filter(i -> keep.contains(set.statements().get(i).item())).toArray();
        return set.subset(rows);
    }

    private static int parseInt(String v, String spec) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number '" + v + "' in " + spec
                    + " (expected generated:KIND[:PAIRS[:SEED]])", e);
        }
    }
}
