package org.civicregistry.launcher;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus names of the metrics the platform exposes, as far as they can be read without
 * running it: the meters the services' code builds (Micrometer {@code Counter}, {@code Gauge},
 * {@code Timer} builders, with Prometheus' naming: dots to underscores, {@code _total} for counters,
 * the base unit appended) and the binders Quarkus adds (HTTP server, JVM, process), plus
 * Prometheus' own {@code up}. And the metric names a PromQL expression reads.
 */
final class MetricNames {

    /** What the Quarkus Micrometer and Agroal extensions register in every service (seen at /q/metrics). */
    static final Set<String> PLATFORM = Set.of("up", "http_server_requests_seconds_count", "http_server_requests_seconds_sum",
            "http_server_requests_seconds_max", "jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes",
            "jvm_gc_pause_seconds_count", "jvm_gc_pause_seconds_sum", "jvm_threads_live_threads", "process_cpu_usage",
            "system_cpu_usage", "agroal_active_count", "agroal_available_count", "agroal_awaiting_count", "agroal_max_used_count");

    /** A meter's builder statement: its kind, its name, and the rest up to the semicolon (where a base unit may be). */
    private static final Pattern BUILDER = Pattern.compile("(Counter|Gauge|Timer)\\.builder\\(\"([a-z0-9.]+)\"([^;]*);");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)");
    /** PromQL's keywords, aggregations and functions: the names in an expression that are not metrics. */
    private static final Set<String> PROMQL = Set.of("sum", "min", "max", "avg", "count", "topk", "bottomk", "quantile", "by",
            "without", "and", "or", "unless", "on", "ignoring", "group_left", "group_right", "offset", "bool", "rate", "irate",
            "increase", "delta", "deriv", "abs", "clamp_min", "clamp_max", "histogram_quantile", "max_over_time",
            "min_over_time", "avg_over_time", "sum_over_time", "vector", "scalar", "time", "label_replace", "absent");

    private MetricNames() {
    }

    /** Every metric name the code of the services defines, in Prometheus' form. */
    static Set<String> defined() {
        Set<String> names = new TreeSet<>(PLATFORM);
        for (String file : RepositoryFiles.all()) {
            if (!file.endsWith(".java") || !file.contains("/src/main/java/")) {
                continue;
            }
            Matcher m = BUILDER.matcher(RepositoryFiles.text(file));
            while (m.find()) {
                String name = m.group(2).replace('.', '_');
                Matcher unit = BASE_UNIT.matcher(m.group(3));
                if (unit.find() && !name.endsWith("_" + unit.group(1))) {
                    name += "_" + unit.group(1);
                }
                switch (m.group(1)) {
                    case "Counter" -> names.add(name + "_total");
                    case "Timer" -> names.addAll(Set.of(name + "_seconds_count", name + "_seconds_sum", name + "_seconds_max"));
                    default -> names.add(name);
                }
            }
        }
        return names;
    }

    /** The metric names a PromQL expression reads (label matchers, grouping labels, strings and ranges left out). */
    static Set<String> queried(String expression) {
        String bare = expression.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(bare);
        while (m.find()) {
            String name = m.group(1);
            if (!PROMQL.contains(name) && !name.matches("\\d.*") && !name.matches("\\d+[smhdwy]")) {
                names.add(name);
            }
        }
        return names;
    }
}
