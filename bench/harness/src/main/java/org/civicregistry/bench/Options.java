package org.civicregistry.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.civicregistry.embedded.Topology;

/** The command line of bench/run: sizes and repetitions, and where things go. */
record Options(boolean smoke, List<String> sections, int rounds, int overheadSeconds, int connections, int propagationWrites,
        int writesPerSecond, int writeSeconds,
        List<Integer> concurrencies, List<Integer> sizes, int querySamples, int growthBudgetMinutes, boolean install,
        Path root, Path home, Path json, Path docs, Platform.Ports ports, int nginxPort, int webhookPort) {

    static final String USAGE = """
            usage: bench/run [--smoke] [--sections overhead,propagation,writes,growth] [--rate N] [--rounds N] [--seconds N] [--connections N] [--writes N] [--write-seconds N]
                             [--concurrency 1,8,32] [--sizes 10000,100000,1000000] [--samples N] [--growth-budget MIN]
                             [--no-install] [--out FILE.json] [--docs FILE.md] [--home DIR] [--free-ports]
                   bench/run --report bench/results/latest.json   (only rewrites docs/benchmarks.md and the charts)
              --smoke          tiny sizes, one round, free ports, nothing installed, results under bench/harness/target
              --sections       which sections to run (default all; the footprint is measured in every run)
              --rate           writes per second of the propagation section (default 100)
              --rounds         interleaved rounds of the gateway-overhead section (default 5)
              --seconds        length of each wrk run (default 10)
              --writes         writes of the propagation section, at 100 per second (default 3000)
              --sizes          event counts of the growth section, grown in this order (default 10000,100000,1000000)
              --growth-budget  minutes after which no further size is started (default 60)
            """;

    static Options parse(String[] args, Path root) throws IOException {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        List<String> sections = List.of("overhead", "propagation", "writes", "growth");
        int rate = 100;
        int rounds = smoke ? 1 : 5;
        int seconds = smoke ? 1 : 10;
        // Few connections in the smoke mode: wrk hanging up on 32 in-flight requests trips the gateway's circuit breaker
        // (docs/benchmarks.md), and the smoke test must not depend on that bug.
        int connections = smoke ? 4 : 32;
        int writes = smoke ? 50 : 3000;
        int writeSeconds = smoke ? 1 : 15;
        List<Integer> concurrencies = List.of(1, 8, 32);
        List<Integer> sizes = smoke ? List.of(300, 600) : List.of(10_000, 100_000, 1_000_000);
        int samples = smoke ? 5 : 100;
        int budget = 60;
        boolean install = !smoke;
        boolean freePorts = smoke;
        Path target = root.resolve(smoke ? "bench/harness/target/smoke" : "bench/target");
        Path home = target.resolve("civic");
        Path json = smoke ? target.resolve("latest.json") : root.resolve("bench/results/latest.json");
        Path docs = smoke ? target.resolve("benchmarks.md") : root.resolve("docs/benchmarks.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> {
                }
                case "--sections" -> sections = Arrays.stream(args[++i].split(",")).map(String::strip).toList();
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--writes" -> writes = Integer.parseInt(args[++i]);
                case "--write-seconds" -> writeSeconds = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrencies = ints(args[++i]);
                case "--sizes" -> sizes = ints(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--growth-budget" -> budget = Integer.parseInt(args[++i]);
                case "--no-install" -> install = false;
                case "--free-ports" -> freePorts = true;
                case "--out" -> json = Path.of(args[++i]).toAbsolutePath();
                case "--docs" -> docs = Path.of(args[++i]).toAbsolutePath();
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        List<Topology.Service> services = Topology.platform().services();
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        Platform.Ports ports;
        int nginx;
        int webhook;
        if (freePorts) {
            // PostgreSQL, Kafka and its controller, the services, nginx, the webhook receiver
            int[] free = freePorts(3 + services.size() + 2);
            for (int i = 0; i < services.size(); i++) {
                servicePorts.put(services.get(i).module(), free[3 + i]);
            }
            ports = new Platform.Ports(free[0], free[1], servicePorts);
            nginx = free[3 + services.size()];
            webhook = free[4 + services.size()];
        } else {
            // The bench's own ports: each default port plus 10000.
            services.forEach(service -> servicePorts.put(service.module(), 10_000 + service.port()));
            ports = new Platform.Ports(15433, 19092, servicePorts);
            nginx = 18090;
            webhook = 18091;
        }
        return new Options(smoke, sections, rounds, seconds, connections, writes, rate, writeSeconds, concurrencies, sizes, samples, budget, install,
                root, home, json, docs, ports, nginx, webhook);
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    /**
     * A run of consecutive free ports (Kafka's controller takes the port after the broker's): nothing
     * else on the machine, a soak run or another engineer's tests, is in the way.
     */
    private static int[] freePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            boolean allFree = true;
            for (int p = base; p < base + count && allFree; p++) {
                try (ServerSocket socket = new ServerSocket(p)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    allFree = false;
                }
            }
            if (allFree) {
                int[] ports = new int[count];
                for (int i = 0; i < count; i++) {
                    ports[i] = base + i;
                }
                return ports;
            }
        }
        throw new IOException("no run of " + count + " free ports found");
    }

    Results.Settings settings() {
        return new Results.Settings(smoke, sections, rounds, overheadSeconds, connections, propagationWrites, writesPerSecond, writeSeconds,
                concurrencies, sizes, querySamples);
    }
}
