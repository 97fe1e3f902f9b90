package org.civicregistry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.SerializationFeature;

import org.jboss.logging.Logger;

/**
 * {@code bench/run}: starts the platform with {@code ./civic up} on its own ports and data directory,
 * runs the five sections of issue 7, checks the targets, and writes the JSON results and the report.
 * A section that fails is recorded in {@code errors} and the others still run.
 */
public final class Bench {

    private static final Logger LOG = Logger.getLogger(Bench.class);

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("civic.root", ".")).toAbsolutePath().normalize();
        if (args.length == 2 && args[0].equals("--report")) {
            // Regenerates the report (page and charts) from a results file, without measuring anything.
            Path json = Path.of(args[1]).toAbsolutePath();
            Report.write(Api.JSON.readValue(json.toFile(), Results.Run.class), root.resolve("docs/benchmarks.md"), json);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        Results.Run run = run(options);
        System.exit(run.errors().isEmpty() ? 0 : 1);
    }

    /** Progress of the run (logging.properties prints it with the time). */
    static void log(String format, Object... args) {
        LOG.info(args.length == 0 ? format : format.formatted(args));
    }

    /** Runs everything the options ask for and writes the results; returns them. */
    public static Results.Run run(Options options) throws Exception {
        Results.Builder results = new Results.Builder();
        results.settings = options.settings();
        if (options.install()) {
            Tools.ensure(List.of("wrk", "nginx"));
        }
        results.machine = Machines.describe();
        deleteTree(options.home()); // every run starts from an empty register
        log("starting the platform (./civic up) in %s", options.home());
        // Results are written after every section (and every growth size), so a run stopped part-way keeps what it measured.
        Runnable checkpoint = () -> write(results, options);
        try (Platform platform = new Platform(options.root(), options.home(), options.ports())) {
            platform.start();
            log("platform up in %.1f s", platform.upSeconds());
            Api api = new Api(platform.token());
            api.learnDemoData(platform.gateway());
            try (Footprint footprint = new Footprint(platform)) {
                Thread.sleep(options.smoke() ? 1000 : 5000); // let start-up work (topic reads, document merge) settle
                footprint.recordIdle();
                footprint.startLoad();
                section(results, options, "overhead", "gateway overhead", () -> new GatewayOverhead(platform, api, results, options.nginxPort())
                        .run(options.rounds(), options.overheadSeconds(), options.connections()));
                checkpoint.run();
                section(results, options, "propagation", "change propagation", () -> new Propagation(platform, api, results,
                        options.webhookPort()).run(options.propagationWrites(), options.writesPerSecond(), Duration.ofSeconds(options.smoke() ? 10 : 30)));
                footprint.stopLoad();
                results.footprint = footprint.result();
            }
            checkpoint.run();
            section(results, options, "writes", "write throughput", () -> new WriteThroughput(platform, api, results)
                    .run(options.concurrencies(), options.writeSeconds()));
            checkpoint.run();
            section(results, options, "growth", "growth", () -> new Growth(platform, api, results, checkpoint)
                    .run(options.sizes(), options.querySamples(), options.rounds(), Duration.ofMinutes(options.growthBudgetMinutes())));
        }
        Results.Run run = write(results, options);
        log("results: %s, report: %s, %d errors", options.json(), options.docs(), run.errors().size());
        run.errors().forEach(e -> log("  error: %s", e));
        return run;
    }

    /** Checks the targets on what has been measured so far and writes the JSON and the report. */
    private static synchronized Results.Run write(Results.Builder results, Options options) {
        results.targets.clear();
        Targets.evaluate(results);
        Results.Run run = results.build();
        try {
            Files.createDirectories(options.json().getParent());
            Api.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(options.json().toFile(), run);
            Report.write(run, options.docs(), options.json());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return run;
    }

    interface Section {
        void run() throws Exception;
    }

    private static void section(Results.Builder results, Options options, String key, String name, Section section) {
        if (!options.sections().contains(key)) {
            return;
        }
        log("section: %s", name);
        Instant start = Instant.now();
        try {
            section.run();
        } catch (Exception e) {
            results.errors.add(name + " failed: " + e);
            log("%s failed: %s", name, e);
        }
        results.notes.add(name + " took " + Duration.between(start, Instant.now()).toSeconds() + " s");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
