package org.civicregistry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/benchmarks.md from a run: the generated part sits between two markers, so the prose around it
 * (how to read it, the profiles and fixes) survives the next run. Charts are SVG, drawn here from the
 * numbers, next to the JSON.
 */
final class Report {

    static final String BEGIN = "<!-- bench/run: generated from bench/results/latest.json, do not edit below -->";
    static final String END = "<!-- bench/run: end of generated part -->";
    private static final String[] COLOURS = { "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1" };

    /** One bar: its value and, when repeated rounds give one, the range. */
    record Bar(String series, double value, double min, double max) {
    }

    private Report() {
    }

    static void write(Results.Run run, Path docs, Path json) throws IOException {
        Path charts = json.getParent();
        Files.createDirectories(docs.getParent());
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append("\n\n");
        Results.Machine m = run.machine();
        md.append("Run of ").append(m.date()).append(run.settings().smoke() ? " (**smoke mode**: tiny sizes, not a measurement)" : "")
                .append(". Machine: ").append(m.cores()).append(" cores (").append(m.cpu()).append("), ")
                .append(m.memoryMiB()).append(" MiB, Linux ").append(m.kernel()).append(", ").append(m.jdk()).append("; ")
                .append(m.wrk()).append("; ").append(m.nginx()).append("; ").append(m.pgbench()).append(".\n\n");

        md.append("### Targets\n\n| section | target | measured | met |\n|---|---|---|---|\n");
        run.targets().forEach(t -> md.append("| ").append(t.section()).append(" | ").append(t.goal()).append(" | ")
                .append(t.measured()).append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n"));

        md.append("\n### 1. Gateway overhead\n\n").append(run.settings().rounds()).append(" interleaved rounds of ")
                .append(run.settings().overheadSeconds()).append(" s, ").append(run.settings().connections())
                .append(" connections; median (min–max) over the rounds.\n\n")
                .append("| request | via | tool | requests/s | p99 ms | failed |\n|---|---|---|---|---|---|\n");
        Map<String, List<Bar>> overheadBars = new LinkedHashMap<>();
        for (Results.Overhead o : run.overhead()) {
            md.append("| ").append(o.request()).append(" | ").append(o.target()).append(" | ").append(o.tool()).append(" | ")
                    .append(spread(o.throughput(), "%.0f")).append(" | ").append(spread(o.p99(), "%.2f")).append(" | ")
                    .append(o.errors()).append(" |\n");
            overheadBars.computeIfAbsent(o.request(), k -> new ArrayList<>())
                    .add(new Bar(o.target(), o.throughput().median(), o.throughput().min(), o.throughput().max()));
        }
        if (!overheadBars.isEmpty()) {
            chart(charts.resolve("gateway-overhead.svg"), "Requests per second (median, min–max over rounds)", overheadBars);
            md.append("\n![requests per second](").append(relative(docs, charts.resolve("gateway-overhead.svg"))).append(")\n");
        }

        md.append("\n### 2. Change propagation at ").append(run.settings().writesPerSecond()).append(" writes/s\n\n")
                .append("From the 201 of a POST through the gateway to receipt; the bare Kafka line is from `send()` to receipt.\n\n")
                .append("| receiver | sent | received | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        Map<String, List<Bar>> propagationBars = new LinkedHashMap<>();
        for (Results.Propagation p : run.propagation()) {
            md.append("| ").append(p.receiver()).append(" | ").append(p.sent()).append(" | ").append(p.received()).append(" | ")
                    .append(num(p.latency().p50())).append(" | ").append(num(p.latency().p99())).append(" | ")
                    .append(num(p.latency().max())).append(" |\n");
            if (p.received() < p.sent()) {
                continue; // a receiver that fell behind would flatten the others' bars; the table has it
            }
            propagationBars.put(p.receiver(), List.of(new Bar("p50", p.latency().p50(), Double.NaN, Double.NaN),
                    new Bar("p99", p.latency().p99(), Double.NaN, Double.NaN)));
        }
        if (!propagationBars.isEmpty()) {
            chart(charts.resolve("propagation.svg"), "Milliseconds from the 201 to receipt (receivers that got every event)",
                    propagationBars);
            md.append("\n![propagation](").append(relative(docs, charts.resolve("propagation.svg"))).append(")\n");
        }

        md.append("\n### 3. Write throughput\n\n| driver | concurrency | seconds | ok | errors | per second |\n|---|---|---|---|---|---|\n");
        run.writes().forEach(w -> md.append("| ").append(w.driver()).append(" | ").append(w.concurrency()).append(" | ")
                .append(w.seconds()).append(" | ").append(w.ok()).append(" | ").append(w.errors()).append(" | ")
                .append(num(w.perSecond())).append(" |\n"));

        md.append("\n### 4. Growth\n\n| events | people | organizations | agreements | bulk load s | outbox drained after s |\n|---|---|---|---|---|---|\n");
        run.growth().forEach(g -> md.append("| %,d | %,d | %,d | %,d | %.0f | %.0f |\n".formatted(g.events(), g.people(),
                g.organizations(), g.agreements(), g.loadSeconds(), g.relaySeconds())));
        if (!run.growth().isEmpty()) {
            md.append("\nThrough the gateway, ").append(run.settings().querySamples())
                    .append(" sequential requests per query after 3 warm-ups; ms.\n\n| query | events | p50 | p95 | p99 | max | failed |\n|---|---|---|---|---|---|---|\n");
            Map<String, List<Bar>> growthBars = new LinkedHashMap<>();
            for (Results.GrowthStep g : run.growth()) {
                for (Results.Query q : g.queries()) {
                    md.append("| %s | %,d | %s | %s | %s | %s | %d |\n".formatted(q.name(), g.events(), num(q.latency().p50()),
                            num(q.latency().p95()), num(q.latency().p99()), num(q.latency().max()), q.errors()));
                    growthBars.computeIfAbsent(q.name().replaceAll("page [\\d,]+ deep", "page N deep"), k -> new ArrayList<>())
                            .add(new Bar("%,d events".formatted(g.events()), q.latency().p95(), Double.NaN, Double.NaN));
                }
            }
            chart(charts.resolve("growth.svg"), "p95 latency in ms, by register size", growthBars);
            md.append("\n![growth](").append(relative(docs, charts.resolve("growth.svg"))).append(")\n");
            if (run.growth().stream().anyMatch(g -> g.download() != null)) {
                md.append("\nThe whole events collection: `GET /api/v1/events/snapshot` (NDJSON) through the gateway, read to the last")
                        .append(" byte, against `COPY event TO STDOUT` (the same rows, PostgreSQL's own text format), interleaved; records")
                        .append(" per second, median (min–max) over the rounds; VmRSS sampled every 100 ms during the downloads.\n\n")
                        .append("| events | NDJSON lines | MB | through the gateway /s | COPY rows | COPY MB | COPY /s | ratio |")
                        .append(" gateway RSS before → peak MiB | events-service RSS before → peak MiB |\n|---|---|---|---|---|---|---|---|---|---|\n");
                for (Results.GrowthStep g : run.growth()) {
                    Results.Download d = g.download();
                    if (d != null) {
                        md.append("| %,d | %,d | %.0f | %s | %,d | %.0f | %s | %.2f× | %d → %d | %d → %d |\n".formatted(g.events(), d.lines(),
                                d.bytes() / 1e6, spread(d.gatewayPerSecond(), "%,.0f"), d.copyRows(), d.copyBytes() / 1e6,
                                spread(d.copyPerSecond(), "%,.0f"), d.gatewayPerSecond().median() / d.copyPerSecond().median(),
                                d.gatewayRssBeforeMiB(), d.gatewayRssPeakMiB(), d.serviceRssBeforeMiB(), d.serviceRssPeakMiB()));
                    }
                }
            }
        }

        Results.Footprint f = run.footprint();
        if (f != null) {
            md.append("\n### 5. Footprint\n\n`./civic up` to \"running\" (PostgreSQL, Kafka, four services one after the other, demo data): ")
                    .append(num(f.platformUpSeconds())).append(" s.\n\n")
                    .append("| service | process start → started, s | Quarkus \"started in\", s | RSS idle MiB | RSS peak under load MiB |\n|---|---|---|---|---|\n");
            f.services().forEach(s -> md.append("| ").append(s.service()).append(" | ").append(num(s.processToReadySeconds()))
                    .append(" | ").append(num(s.startedInSeconds())).append(" | ").append(s.rssIdleMiB()).append(" | ")
                    .append(s.rssLoadMiB()).append(" |\n"));
            md.append("\nWhole platform (services, the launcher JVM with the Kafka broker, PostgreSQL's processes; PSS): idle ")
                    .append(f.platformIdleMiB()).append(" MiB, peak under load ").append(f.platformLoadMiB()).append(" MiB.\n");
        }

        if (!run.notes().isEmpty()) {
            md.append("\n### Notes of this run\n\n");
            run.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\n### Errors of this run\n\n");
        if (run.errors().isEmpty()) {
            md.append("None.\n");
        } else {
            run.errors().forEach(e -> md.append("- ").append(e.replace("\n", " ")).append('\n'));
        }
        md.append('\n').append(END).append('\n');

        String existing = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n\n";
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String text = begin >= 0 && end > begin
                ? existing.substring(0, begin) + md + existing.substring(end + END.length()).replaceFirst("^\n", "")
                : existing + (existing.endsWith("\n") ? "\n" : "\n\n") + md;
        Files.writeString(docs, text);
    }

    private static String spread(Results.Spread s, String format) {
        return s.runs() <= 1 ? format.formatted(s.median())
                : format.formatted(s.median()) + " (" + format.formatted(s.min()) + "–" + format.formatted(s.max()) + ")";
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "–" : value >= 100 ? "%.0f".formatted(value) : "%.1f".formatted(value);
    }

    private static String relative(Path docs, Path file) {
        return docs.getParent().relativize(file).toString().replace('\\', '/');
    }

    /** Horizontal grouped bars, one group per label, one colour per series, whiskers where a range is known. */
    static void chart(Path file, String title, Map<String, List<Bar>> groups) throws IOException {
        List<String> series = groups.values().stream().flatMap(List::stream).map(Bar::series).distinct().toList();
        double top = groups.values().stream().flatMap(List::stream)
                .mapToDouble(b -> Double.isNaN(b.max()) ? b.value() : Math.max(b.value(), b.max())).filter(v -> !Double.isNaN(v))
                .max().orElse(1);
        top = top <= 0 ? 1 : top * 1.1;
        int labelWidth = 260;
        int plotWidth = 520;
        int barHeight = 14;
        int groupGap = 14;
        int y = 50;
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<Bar>> group : groups.entrySet()) {
            int groupTop = y;
            for (Bar bar : group.getValue()) {
                String colour = COLOURS[series.indexOf(bar.series()) % COLOURS.length];
                double width = Double.isNaN(bar.value()) ? 0 : bar.value() / top * plotWidth;
                body.append("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>\n"
                        .formatted(labelWidth, y, width, barHeight - 2, colour, escape(bar.series()), num(bar.value())));
                if (!Double.isNaN(bar.min()) && !Double.isNaN(bar.max())) {
                    double x1 = labelWidth + bar.min() / top * plotWidth;
                    double x2 = labelWidth + bar.max() / top * plotWidth;
                    int mid = y + (barHeight - 2) / 2;
                    body.append("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>\n".formatted(x1, mid, x2, mid));
                    body.append("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>\n".formatted(x1, y + 1, x1, y + barHeight - 3));
                    body.append("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>\n".formatted(x2, y + 1, x2, y + barHeight - 3));
                }
                body.append("<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>\n".formatted(labelWidth + width + 4
                        + (Double.isNaN(bar.max()) ? 0 : Math.max(0, (bar.max() - bar.value()) / top * plotWidth)), y + barHeight - 4,
                        num(bar.value())));
                y += barHeight;
            }
            body.append("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>\n".formatted(labelWidth - 8,
                    (groupTop + y) / 2 + 4, escape(group.getKey())));
            y += groupGap;
        }
        int legendY = y + 6;
        for (int i = 0; i < series.size(); i++) {
            int x = labelWidth + i * 130;
            body.append("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>".formatted(x, legendY, COLOURS[i % COLOURS.length]));
            body.append("<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n".formatted(x + 14, legendY + 9, escape(series.get(i))));
        }
        int height = legendY + 24;
        int width = labelWidth + plotWidth + 80;
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="%1$d" height="%2$d" viewBox="0 0 %1$d %2$d" font-family="sans-serif">
                <rect width="100%%" height="100%%" fill="white"/>
                <text x="%3$d" y="24" font-size="14" font-weight="bold">%4$s</text>
                <line x1="%3$d" y1="44" x2="%3$d" y2="%5$d" stroke="#999"/>
                %6$s</svg>
                """.formatted(width, height, labelWidth, escape(title), y - groupGap + 2, body);
        Files.writeString(file, svg);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
