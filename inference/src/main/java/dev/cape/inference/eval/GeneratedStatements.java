package dev.cape.inference.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Statement sets generated from fact tables the product ships (English number names and integer arithmetic), each
 * from a fixed seed: same kind, count and seed ⇒ the same statements. Every item is a pair of one true and one false
 * statement, so a split by item keeps both together.
 * <ul>
 * <li>{@link Kind#LARGER_THAN}: "Sixty-three is larger than fifty-one." for distinct numbers in [10, 99], both orders
 * (the form of Marks and Tegmark's {@code larger_than}).</li>
 * <li>{@link Kind#SMALLER_THAN}: the same with "smaller than".</li>
 * <li>{@link Kind#ADDITION}: "12 + 7 = 19." (true) and the same sum off by 1 to 5 (false), operands in [1, 50].</li>
 * </ul>
 */
public final class GeneratedStatements {

    /** What to generate. */
    public enum Kind {
        LARGER_THAN, SMALLER_THAN, ADDITION;

        /** The command-line name: {@code larger-than}, {@code smaller-than}, {@code addition}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind parse(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown generated set '" + id + "', expected larger-than, smaller-than"
                    + " or addition");
        }
    }

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety"};

    private GeneratedStatements() {
    }

    /** English name of {@code n} in [0, 99], lower case with a hyphen ("fifty-one"). */
    public static String numberName(int n) {
        if (n < 0 || n > 99) {
            throw new IllegalArgumentException("n must be in [0, 99]: " + n);
        }
        if (n < 20) {
            return ONES[n];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : "-" + ONES[n % 10]);
    }

    /**
     * {@code pairs} items (2 · pairs statements, half true) of the given kind from {@code seed}.
     */
    public static StatementSet generate(Kind kind, int pairs, long seed) {
        int max = kind == Kind.ADDITION ? 50 * 50 : 90 * 89 / 2;
        if (pairs < 1 || pairs > max) {
            throw new IllegalArgumentException("pairs must be in [1, " + max + "] for " + kind.id() + ": " + pairs);
        }
        Random rnd = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<Statement> out = new ArrayList<>();
        StringBuilder csv = new StringBuilder("statement,label\n");
        while (seen.size() < pairs) {
            int a;
            int b;
            if (kind == Kind.ADDITION) {
                a = 1 + rnd.nextInt(50);
                b = 1 + rnd.nextInt(50);
            } else {
                a = 10 + rnd.nextInt(90);
                b = 10 + rnd.nextInt(90);
                if (a == b) {
                    continue;
                }
            }
            String key = kind == Kind.ADDITION ? a + "+" + b : Math.min(a, b) + "," + Math.max(a, b);
            if (!seen.add(key)) {
                continue;
            }
            String item = kind.id() + " " + key;
            if (kind == Kind.ADDITION) {
                int off = (1 + rnd.nextInt(5)) * (rnd.nextBoolean() ? 1 : -1);
                if (a + b + off < 0) {
                    off = -off;
                }
                add(out, csv, a + " + " + b + " = " + (a + b) + ".", true, item);
                add(out, csv, a + " + " + b + " = " + (a + b + off) + ".", false, item);
            } else {
                String rel = kind == Kind.LARGER_THAN ? " is larger than " : " is smaller than ";
                for (int[] p : new int[][] {{a, b}, {b, a}}) {
                    boolean truth = kind == Kind.LARGER_THAN ? p[0] > p[1] : p[0] < p[1];
                    String first = numberName(p[0]);
                    add(out, csv, Character.toUpperCase(first.charAt(0)) + first.substring(1) + rel
                            + numberName(p[1]) + ".", truth, item);
                }
            }
        }
        return new StatementSet("generated " + kind.id() + " pairs=" + pairs + " seed=" + seed,
                Hashing.sha256(csv.toString()), out);
    }

    private static void add(List<Statement> out, StringBuilder csv, String text, boolean label, String item) {
        out.add(new Statement(text, label, item, Map.of()));
        csv.append(text).append(',').append(label ? 1 : 0).append('\n');
    }
}
