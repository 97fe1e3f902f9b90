package org.civicregistry.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Section 1: the same two reads straight to events-service, through the gateway, and through nginx
 * as a plain reverse proxy in front of the same service. The three are interleaved round by round
 * (A B C A B C ...), so a machine that gets slower or faster during the run affects all alike.
 */
record GatewayOverhead(Platform platform, Api api, Results.Builder results, int nginxPort) {

    void run(int rounds, int seconds, int connections) throws IOException, InterruptedException {
        String eventId = Api.JSON.readTree(api.get(platform.gateway().resolve("/api/v1/events?limit=1")).body())
                .path("items").get(0).path("id").asText();
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("GET one event", "/api/v1/events/" + eventId);
        requests.put("GET filtered list", "/api/v1/events?organization=gyeonggi&type=meeting&limit=20");

        Process nginx = Tools.installed("nginx") ? startNginx() : null;
        if (nginx == null) {
            results.notes.add("nginx is not installed: the nginx peer was left out of this run.");
        }
        try {
            Map<String, URI> targets = new LinkedHashMap<>();
            targets.put("direct", platform.service("events-service"));
            targets.put("gateway", platform.gateway());
            if (nginx != null) {
                targets.put("nginx", URI.create("http://127.0.0.1:" + nginxPort));
            }
            for (Map.Entry<String, String> request : requests.entrySet()) {
                Map<String, List<Load.Result>> series = new LinkedHashMap<>();
                targets.keySet().forEach(t -> series.put(t, new ArrayList<>()));
                // Warm each path once (JIT, connection pools) before anything is recorded.
                for (URI base : targets.values()) {
                    Load.run(base.resolve(request.getValue()), connections, Math.max(1, seconds / 2));
                }
                for (int round = 1; round <= rounds; round++) {
                    for (Map.Entry<String, URI> target : targets.entrySet()) {
                        Load.Result result = Load.run(target.getValue().resolve(request.getValue()), connections, seconds);
                        Bench.log("  %s via %s, round %d: %.0f req/s, p99 %.2f ms, errors %d", request.getKey(), target.getKey(),
                                round, result.requestsPerSecond(), result.p99Millis(), result.errors());
                        series.get(target.getKey()).add(result);
                    }
                }
                series.forEach((target, list) -> {
                    List<Double> rps = list.stream().map(Load.Result::requestsPerSecond).toList();
                    List<Double> p99 = list.stream().map(Load.Result::p99Millis).toList();
                    long errors = list.stream().mapToLong(Load.Result::errors).sum();
                    results.overhead.add(new Results.Overhead(request.getKey(), target, request.getValue(), list.get(0).tool(),
                            rps, p99, Stats.spread(rps), Stats.spread(p99), errors));
                    if (errors > 0) {
                        results.errors.add(request.getKey() + " via " + target + ": " + errors + " failed requests");
                    }
                });
            }
        } finally {
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** nginx as the reverse proxy a municipality would put in front: keep-alive upstream, access log on (as the gateway's). */
    private Process startNginx() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(platform.home().resolve("nginx"));
        Files.createDirectories(dir.resolve("logs"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream events { server 127.0.0.1:%2$d; keepalive 64; }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://events;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        }
                    }
                }
                """.formatted(dir, platform.ports().of("events-service"), nginxPort));
        Process nginx = new ProcessBuilder(Tools.path("nginx"), "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        for (int i = 0; i < 50; i++) {
            try {
                if (api.get(URI.create("http://127.0.0.1:" + nginxPort + "/q/health/live")).statusCode() == 200) {
                    return nginx;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        nginx.destroy();
        throw new IOException("nginx did not start; see " + dir.resolve("logs"));
    }
}
