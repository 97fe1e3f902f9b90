package org.civicregistry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load: wrk when it is installed (the full run installs it), else a small built-in
 * generator on the JDK client, so the smoke mode needs nothing from outside Maven.
 */
final class Load {

    /** Requests per second, p99 latency in ms and the requests that failed (non-2xx/3xx or socket errors). */
    record Result(double requestsPerSecond, double p99Millis, long errors, String tool) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("^\\s+99%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Load() {
    }

    static Result run(URI uri, int connections, int seconds) throws IOException, InterruptedException {
        return Tools.installed("wrk") ? wrk(uri, connections, seconds) : builtIn(uri, connections, seconds);
    }

    private static Result wrk(URI uri, int connections, int seconds) throws IOException, InterruptedException {
        // Two wrk threads: the machine has two cores, shared with what is measured.
        Tools.Output out = Tools.run(List.of(Tools.path("wrk"), "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                uri.toString()), Map.of(), seconds + 60L);
        Matcher rps = RPS.matcher(out.text());
        Matcher p99 = P99.matcher(out.text());
        if (out.exitCode() != 0 || !rps.find() || !p99.find()) {
            throw new IOException("wrk " + uri + " failed:\n" + out.text());
        }
        double value = Double.parseDouble(p99.group(1));
        double millis = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out.text());
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out.text());
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), millis, errors, "wrk");
    }

    private static Result builtIn(URI uri, int connections, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<List<Double>>> workers = new ArrayList<>();
        long[] errors = new long[1];
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                List<Double> millis = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status >= 400) {
                            synchronized (errors) {
                                errors[0]++;
                            }
                        }
                    } catch (IOException e) {
                        synchronized (errors) {
                            errors[0]++;
                        }
                    }
                    millis.add((System.nanoTime() - t0) / 1e6);
                }
                return millis;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> worker : workers) {
            try {
                all.addAll(worker.get());
            } catch (java.util.concurrent.ExecutionException e) {
                errors[0]++;
            }
        }
        pool.shutdown();
        double[] samples = all.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(samples.length / (double) seconds, Stats.percentile(samples, 99), errors[0], "jdk-httpclient");
    }
}
