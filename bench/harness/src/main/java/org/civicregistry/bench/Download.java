package org.civicregistry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.postgresql.PGConnection;

/**
 * Part of section 4, at every size: the whole events collection downloaded through the gateway as
 * NDJSON ({@code GET /api/v1/events/snapshot}, read to the last byte), against PostgreSQL's own
 * {@code COPY event TO STDOUT} of the same rows (the limit: no JSON, no HTTP), interleaved round by
 * round. The gateway's and events-service's VmRSS are sampled every 100 ms while the downloads run,
 * to show whether memory grows with the register.
 */
final class Download {

    private static final List<String> WATCHED = List.of("gateway", "events-service");

    private final Platform platform;
    private final Api api;

    Download(Platform platform, Api api) {
        this.platform = platform;
        this.api = api;
    }

    /** What one download read: lines (records) or rows, and bytes. */
    private record Read(long records, long bytes, double seconds) {
    }

    Results.Download run(int rounds) throws Exception {
        Map<String, Long> before = new ConcurrentHashMap<>();
        WATCHED.forEach(service -> before.put(service, Platform.rssKiB(platform.servicePids().get(service))));
        Map<String, Long> peak = new ConcurrentHashMap<>(before);
        List<Double> gatewayRate = new ArrayList<>();
        List<Double> copyRate = new ArrayList<>();
        Read lastGateway = null;
        Read lastCopy = null;
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                WATCHED.forEach(service -> peak.merge(service, Platform.rssKiB(platform.servicePids().get(service)), Math::max));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-download-rss");
        sampler.setDaemon(true);
        sampler.start();
        try {
            for (int round = 0; round < rounds; round++) {
                lastGateway = throughGateway();
                gatewayRate.add(lastGateway.records() / lastGateway.seconds());
                lastCopy = copy();
                copyRate.add(lastCopy.records() / lastCopy.seconds());
                Bench.log("  download round %d: gateway %,d lines in %.1f s, COPY %,d rows in %.1f s", round + 1,
                        lastGateway.records(), lastGateway.seconds(), lastCopy.records(), lastCopy.seconds());
            }
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return new Results.Download(lastGateway.records(), lastGateway.bytes(), lastCopy.records(), lastCopy.bytes(),
                Stats.spread(gatewayRate), Stats.spread(copyRate), before.get("gateway") / 1024, peak.get("gateway") / 1024,
                before.get("events-service") / 1024, peak.get("events-service") / 1024);
    }

    /** The collection through the gateway as a client reads it: every byte, the records counted by their newlines. */
    private Read throughGateway() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(platform.gateway().resolve("/api/v1/events/snapshot"))
                .timeout(Duration.ofMinutes(30)).header("Accept", "application/x-ndjson").build();
        for (int attempt = 0; ; attempt++) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> response = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 503 && attempt < 10) {
                    // the stream is still behind the database: the download says so, and when to ask again
                    body.readAllBytes();
                    Thread.sleep(1000);
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw new IOException("the events download answered " + response.statusCode() + ": "
                            + new String(body.readNBytes(300), java.nio.charset.StandardCharsets.UTF_8));
                }
                long lines = 0;
                long bytes = 0;
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0;) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
                return new Read(lines, bytes, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** PostgreSQL writing the same table as fast as it can, read by the client as the download is. */
    private Read copy() throws SQLException, IOException {
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl("events"), "postgres", "postgres")) {
            Counting out = new Counting();
            long t0 = System.nanoTime();
            long rows = db.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY event TO STDOUT", out);
            return new Read(rows, out.bytes, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
