package dev.cape.inference.direction;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The per-layer report of a vector file, rebuilt from its metadata so an opened file shows the same accuracy curve
 * as the extraction that wrote it. Files written before {@code train_accuracies} and {@code cosines_to_mass_mean}
 * were recorded give NaN for those; a file without every layer from 0, or without one accuracy per layer, has none.
 */
final class StoredReport {

    private StoredReport() {
    }

    static Optional<DirectionReport> from(DirectionFile.Stored s) {
        int n = s.directions().size();
        if (!s.directions().keySet().equals(IntStream.range(0, n).boxed().collect(Collectors.toSet()))) {
            return Optional.empty();   // a subset of layers: the curve would have holes the chart cannot show
        }
        try {
            double[] acc = values(s.metadata(), "accuracies", n, false);
            double[] thresholds = values(s.metadata(), "thresholds", n, false);
            double[] train = values(s.metadata(), "train_accuracies", n, true);
            double[] cos = values(s.metadata(), "cosines_to_mass_mean", n, true);
            if (acc == null || thresholds == null) {
                return Optional.empty();
            }
            DirectionMethod method = DirectionMethod.parse(s.meta("method"));
            List<LayerDirection> layers = new ArrayList<>(n);
            for (int l = 0; l < n; l++) {
                double[] unit = new double[s.directions().get(l).length];
                for (int i = 0; i < unit.length; i++) {
                    unit[i] = s.directions().get(l)[i];
                }
                layers.add(new LayerDirection(l, unit, acc[l], train[l], thresholds[l], s.sigmas().get(l), cos[l],
                        Map.of()));
            }
            return Optional.of(new DirectionReport(method, layers, s.layer(), count(s, "n_train"),
                    count(s, "n_test"), Long.parseLong(s.meta("split_seed"))));
        } catch (RuntimeException e) {
            return Optional.empty();   // metadata not as this version writes it: the vectors still steer
        }
    }

    /** One number per layer; null when absent and required, NaNs when absent and optional. */
    private static double[] values(Map<String, String> m, String key, int n, boolean optional) {
        String raw = m.get(key);
        if (raw == null) {
            if (!optional) {
                return null;
            }
            double[] nan = new double[n];
            Arrays.fill(nan, Double.NaN);
            return nan;
        }
        JsonArray a = JsonParser.parseString(raw).getAsJsonArray();
        if (a.size() != n) {
            throw new IllegalArgumentException(key + " has " + a.size() + " values for " + n + " layers");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    private static int count(DirectionFile.Stored s, String key) {
        return Integer.parseInt(s.meta(key));
    }
}
