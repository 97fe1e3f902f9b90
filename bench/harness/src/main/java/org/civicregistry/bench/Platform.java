package org.civicregistry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.civicregistry.embedded.Topology;

/**
 * The platform under test, started exactly as a user starts it ({@code ./civic up}), on the bench's own
 * ports and {@code CIVIC_HOME} so it never meets another run. Knows the processes it consists of, so the
 * footprint can be read from {@code /proc}.
 */
final class Platform implements AutoCloseable {

    static final List<String> SERVICES = Topology.platform().modules();
    private static final Pattern STARTED = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) .* started in (\\d+\\.\\d+)s", Pattern.MULTILINE);

    /** @param services each service's port, by module */
    record Ports(int postgres, int kafka, Map<String, Integer> services) {
        Ports {
            services = Map.copyOf(services);
        }

        int of(String module) {
            return services.get(module);
        }

        int gateway() {
            return of("gateway");
        }
    }

    private final Path root;
    private final Path home;
    private final Ports ports;
    private Process civic;
    private double upSeconds;
    private String token;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    Platform(Path root, Path home, Ports ports) {
        this.root = root;
        this.home = home;
        this.ports = ports;
    }

    Ports ports() {
        return ports;
    }

    Path home() {
        return home;
    }

    String token() {
        return token;
    }

    double upSeconds() {
        return upSeconds;
    }

    URI gateway() {
        return URI.create("http://localhost:" + ports.gateway());
    }

    URI service(String name) {
        return URI.create("http://localhost:" + ports.of(name));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + ports.postgres() + "/" + database;
    }

    /** Starts {@code ./civic up} and waits until it says the platform runs (demo data loaded). */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(root.resolve("civic").toString(), "up")
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("civic-up.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("CIVIC_HOME", home.toString());
        env.put("CIVIC_PG_PORT", String.valueOf(ports.postgres()));
        env.put("CIVIC_KAFKA_PORT", String.valueOf(ports.kafka()));
        for (Topology.Service service : Topology.platform().services()) {
            env.put(service.portVariable(), String.valueOf(ports.of(service.module())));
        }
        // The launcher passes its environment on to the services. The gateway's per-client rate limit
        // (600 per minute) would answer every load generator with 429s: the bucket stays in the path
        // (its cost is measured) but is made large enough never to refuse.
        env.put("CIVIC_GATEWAY_RATE_LIMIT_CAPACITY", "1000000000");
        env.put("CIVIC_GATEWAY_RATE_LIMIT_REFILL", "1000000000");
        env.put("CIVIC_GATEWAY_RATE_LIMIT_PERIOD", "1s");
        // Tokens from the local key pair: the benchmarks measure the API, not Keycloak, and a run
        // outlives a Keycloak token's fifteen minutes.
        env.put("CIVIC_SIGN_IN", "local-key");
        long start = System.nanoTime();
        civic = builder.start();
        Path log = home.resolve("civic-up.log");
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!Files.readString(log).contains("Civic Registry is running")) {
            if (!civic.isAlive()) {
                throw new IOException("./civic up exited with " + civic.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("./civic up was not up within 5 minutes:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        upSeconds = (System.nanoTime() - start) / 1e9;
        token = adminToken();
        for (String service : SERVICES) {
            pids.put(service, findService(service).orElseThrow(() -> new IOException("no process found for " + service)));
        }
    }

    /** {@code ./civic token}: an admin's, valid 12 hours. */
    private String adminToken() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("civic").toString(), "token").directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CIVIC_HOME", home.toString());
        Process process = builder.start();
        String token = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || token.isEmpty()) {
            throw new IOException("./civic token failed (exit " + process.exitValue() + ")");
        }
        return token;
    }

    /** Waits until every service is ready again (after bulk loads: outbox drained, read models caught up). */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String service : SERVICES) {
            while (true) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(service(service).resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(service + " not ready: " + ready.body());
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * The service's JVM: a quarkus-run.jar listening on our port (the launcher runs each service
     * from its own directory, so the command line names the jar without its module).
     */
    private OptionalLong findService(String service) throws IOException {
        String jar = "quarkus-run.jar";
        String port = "QUARKUS_HTTP_PORT=" + ports.of(service);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                    if (cmdline.contains(jar)
                            && List.of(Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1).split("\0")).contains(port)) {
                        return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // a process that ended while we looked
                }
            }
        }
        return OptionalLong.empty();
    }

    Map<String, Long> servicePids() {
        return pids;
    }

    /** Every process of the platform: the services, the launcher (it hosts Kafka) and PostgreSQL's processes. */
    List<Long> allPids() throws IOException {
        List<Long> all = new ArrayList<>(pids.values());
        Path launcher = home.resolve("launcher.pid");
        if (Files.exists(launcher)) {
            all.add(Long.parseLong(Files.readString(launcher).strip()));
        }
        Path postmaster = home.resolve("postgres/postmaster.pid");
        if (Files.exists(postmaster)) {
            long pg = Long.parseLong(Files.readAllLines(postmaster).get(0).strip());
            all.add(pg);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (Long.parseLong(fields[1]) == pg) {
                            all.add(Long.parseLong(p.getFileName().toString()));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // ended while we looked
                    }
                });
            }
        }
        return all;
    }

    /** VmRSS of a process in KiB, 0 when it is gone. */
    static long rssKiB(long pid) {
        return statusField(pid, "/status", "VmRSS:");
    }

    /** Proportional set size in KiB: shared pages (PostgreSQL's buffers) counted once across processes. */
    static long pssKiB(long pid) {
        return statusField(pid, "/smaps_rollup", "Pss:");
    }

    private static long statusField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended, or not readable
        }
        return 0;
    }

    /** Seconds Quarkus reports for its own start ("started in 3.272s"). */
    double startedInSeconds(String service) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(home.resolve("logs/" + service + ".log")));
        return m.find() ? Double.parseDouble(m.group(2)) : Double.NaN;
    }

    /**
     * From the process's creation (/proc/<pid>/stat, in clock ticks after boot) to the log line that says
     * it started: the JVM's own start included.
     */
    double processToReadySeconds(String service) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(home.resolve("logs/" + service + ".log")));
        if (!m.find()) {
            return Double.NaN;
        }
        long startedAt = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"))
                .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        long bootSeconds = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                .mapToLong(l -> Long.parseLong(l.substring(6).strip())).findFirst().orElseThrow();
        String stat = Files.readString(Path.of("/proc/" + pids.get(service) + "/stat"));
        long ticks = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
        long processStart = bootSeconds * 1000 + ticks * 10; // USER_HZ is 100 on Linux
        return (startedAt - processStart) / 1000.0;
    }

    @Override
    public void close() throws InterruptedException {
        if (civic != null && civic.isAlive()) {
            civic.destroy(); // SIGTERM: ./civic forwards it to the launcher, which stops everything it started
            if (!civic.waitFor(60, TimeUnit.SECONDS)) {
                civic.destroyForcibly();
            }
        }
    }
}
