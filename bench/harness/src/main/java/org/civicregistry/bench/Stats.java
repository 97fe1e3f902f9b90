package org.civicregistry.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of measured samples, and the median / min / max over repeated rounds. */
final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile (0 < p ≤ 100) of the samples; NaN when there are none. */
    static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double max(double[] samples) {
        return samples.length == 0 ? Double.NaN : Arrays.stream(samples).max().orElseThrow();
    }

    static Results.Spread spread(List<Double> rounds) {
        double[] values = rounds.stream().mapToDouble(Double::doubleValue).toArray();
        return new Results.Spread(round(percentile(values, 50)), round(Arrays.stream(values).min().orElse(Double.NaN)),
                round(Arrays.stream(values).max().orElse(Double.NaN)), values.length);
    }

    static Results.Latency latency(double[] millis) {
        return new Results.Latency(millis.length, round(percentile(millis, 50)), round(percentile(millis, 95)),
                round(percentile(millis, 99)), round(max(millis)));
    }

    /** Three decimals are more than any of these measurements can tell apart. */
    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000.0) / 1000.0;
    }
}
