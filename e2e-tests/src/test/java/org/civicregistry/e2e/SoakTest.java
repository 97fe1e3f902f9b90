package org.civicregistry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.civicregistry.embedded.Database;
import org.civicregistry.testsupport.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The soak: mixed reads, writes, an SSE subscriber and a webhook at a steady rate for
 * {@code -Dcivic.soak.minutes} (30 by default), against the platform of the end-to-end suite. Every
 * 10 s it samples the services' RSS, each outbox's backlog and the consumer groups' lag into
 * {@code target/reliability/soak.csv}; at the end every error is counted, the lag must be back to
 * zero and every change must have reached the SSE subscriber and the webhook.
 *
 * <p>Not part of {@code ./mvnw verify}: run it with
 * {@code ./mvnw -B -pl e2e-tests verify -Dtest=SoakTest -Dcivic.soak=true -Dcivic.soak.minutes=30}
 * (or {@code bench/soak/run.sh 30}).
 */
@EnabledIfSystemProperty(named = "civic.soak", matches = "true")
class SoakTest {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SoakTest.class);

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Map<String, Integer> latest = new ConcurrentHashMap<>();

    @Test
    void steadyMixedLoad() throws Exception {
        int minutes = Integer.getInteger("civic.soak.minutes", 30);
        int writesPerSecond = Integer.getInteger("civic.soak.writes-per-second", 5);
        int readsPerSecond = Integer.getInteger("civic.soak.reads-per-second", 20);
        Platform platform = Platform.get();
        URI gateway = platform.gateway();
        SseClient stream = new SseClient(gateway + "/api/v1/stream", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> stream.lastId() != null);
        Receiver receiver = new Receiver();
        HttpResponse<String> webhook = AdminCalls.send(http, gateway, "POST", "/api/v1/webhooks", "{\"url\": \"" + receiver.url() + "\"}", null);
        receiver.secret(json.readTree(webhook.body()).path("secret").asText());

        Database own = Database.create("e2e_soak");
        Connection admin = DriverManager.getConnection(own.jdbcUrl(), own.username(), own.password());
        Path csv = Path.of("target", "reliability", "soak.csv");
        Files.createDirectories(csv.getParent());
        List<String> rows = new ArrayList<>();
        rows.add("seconds,officials_rss_mb,agreements_rss_mb,events_rss_mb,gateway_rss_mb,outbox_backlog,consumer_lag,requests,errors");
        List<String> people = new ArrayList<>();
        AtomicInteger requests = new AtomicInteger();

        // events-service must know the organizer before it accepts an event for it
        String organizer = json.readTree(AdminCalls.send(http, gateway, "POST", "/api/v1/organizations",
                "{\"slug\": \"soak-city\", \"name\": {\"ko\": \"소크시\", \"en\": \"Soak City\"}, \"classification\": \"city\"}", null)
                .body()).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> AdminCalls.send(http, gateway, "POST", "/api/v1/events", eventBody(organizer, 0), null)
                .statusCode() == 201);

        String feedFrom = java.net.URLEncoder.encode(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(3).toString(),
                java.nio.charset.StandardCharsets.UTF_8);
        String feedTo = java.net.URLEncoder.encode(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(3).plusHours(6).toString(),
                java.nio.charset.StandardCharsets.UTF_8);
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        AtomicInteger ticks = new AtomicInteger();
        long start = System.nanoTime();
        // each tick: a person created then renamed (officials), and every other tick an event (events-service)
        load.scheduleAtFixedRate(() -> {
            try {
                int tick = ticks.incrementAndGet();
                requests.incrementAndGet();
                HttpResponse<String> created = tally(AdminCalls.send(http, gateway, "POST", "/api/v1/people",
                        "{\"name\": {\"ko\": \"소크 시민\", \"en\": \"Soak citizen\"}}", null));
                if (created.statusCode() == 201) {
                    String id = json.readTree(created.body()).path("id").asText();
                    latest.put(id, 1);
                    synchronized (people) {
                        people.add(id);
                    }
                    requests.incrementAndGet();
                    if (tally(AdminCalls.send(http, gateway, "PATCH", "/api/v1/people/" + id, "{\"name\": {\"en\": \"Soak citizen, renamed\"}}", "\"1\""))
                            .statusCode() == 200) {
                        latest.put(id, 2);
                    }
                }
                if (tick % 2 == 0) {
                    requests.incrementAndGet();
                    String event = createEvent(gateway, organizer, tick);
                    if (event != null) {
                        latest.put(event, 1);
                    }
                }
            } catch (Exception e) {
                statuses.computeIfAbsent("no-answer", k -> new AtomicInteger()).incrementAndGet();
            }
        }, 0, 1000 / writesPerSecond, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(() -> {
            try {
                requests.incrementAndGet();
                String id;
                synchronized (people) {
                    id = people.isEmpty() ? null : people.get((int) (Math.random() * people.size()));
                }
                double dice = Math.random();
                String path = id == null || dice < 0.2 ? "/api/v1/people?limit=20"
                        : dice < 0.3 ? "/api/v1/events?organization=soak-city&limit=20"
                        // a six-hour window of the schedule: the whole feed passes the service's documented cap
                        // (civic.events.feed.max-events) once the soak has written a few thousand events
                        : dice < 0.35 ? "/api/v1/events/calendar.ics?organization=soak-city&from=" + feedFrom + "&to=" + feedTo
                        : "/api/v1/people/" + id;
                tally(AdminCalls.send(http, gateway, "GET", path, null, null));
            } catch (Exception e) {
                statuses.computeIfAbsent("no-answer", k -> new AtomicInteger()).incrementAndGet();
            }
        }, 0, 1000 / readsPerSecond, TimeUnit.MILLISECONDS);

        List<SseClient.Message> seen = new ArrayList<>();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(10_000);
            seen.addAll(stream.drain(Duration.ZERO));
            rows.add(sample(start, admin, own, platform, requests.get()));
            LOG.info("SOAK " + rows.get(rows.size() - 1));
        }
        load.shutdown();
        load.awaitTermination(30, TimeUnit.SECONDS);

        // at the end: lag back to zero, and every change at its final version on the stream and at the webhook
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> consumerLag(platform) == 0);
        Map<String, Integer> expected = new HashMap<>(latest);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            seen.addAll(stream.drain(Duration.ZERO));
            Map<String, Set<Integer>> sse = bySubject(seen.stream().map(SseClient.Message::data).toList());
            Map<String, Set<Integer>> hooks = bySubject(receiver.deliveries().stream().map(Receiver.Delivery::body).toList());
            return expected.entrySet().stream().allMatch(e -> sse.getOrDefault(e.getKey(), Set.of()).contains(e.getValue())
                    && hooks.getOrDefault(e.getKey(), Set.of()).contains(e.getValue()));
        });
        rows.add(sample(start, admin, own, platform, requests.get()));
        Files.write(csv, rows);
        Map<String, Integer> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        long errors = byStatus.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue).sum();
        LOG.info("SOAK summary minutes=" + minutes + " requests=" + requests.get() + " records=" + expected.size()
                + " byStatus=" + byStatus + " errors=" + errors + " eventsLost=0 csv=" + csv.toAbsolutePath());
        LOG.info(chart(rows));
        Files.writeString(csv.resolveSibling("soak.svg"), svg(rows, minutes));
        stream.close();
        receiver.close();
        admin.close();
        assertThat(errors).as("errors during the soak " + byStatus).isZero();
    }

    private HttpResponse<String> tally(HttpResponse<String> response) {
        statuses.computeIfAbsent(String.valueOf(response.statusCode()), k -> new AtomicInteger()).incrementAndGet();
        return response;
    }

    private String sample(long start, Connection admin, Database own, Platform platform, int requests) throws Exception {
        StringBuilder row = new StringBuilder().append(Duration.ofNanos(System.nanoTime() - start).toSeconds());
        for (String module : List.of("officials-service", "agreements-service", "events-service", "gateway")) {
            row.append(',').append(rssMegabytes(module));
        }
        long backlog = 0;
        try (Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select distinct datname from pg_stat_activity where datname ~ '^e2e_(officials|agreements|events)_'")) {
            List<String> databases = new ArrayList<>();
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
            for (String database : databases) {
                try (Connection c = DriverManager.getConnection(Database.replaceDatabase(own.jdbcUrl(), database), own.username(), own.password());
                        Statement count = c.createStatement(); ResultSet n = count.executeQuery("select count(*) from outbox_event")) {
                    n.next();
                    backlog += n.getLong(1);
                }
            }
        }
        long errors = statuses.entrySet().stream().filter(e -> !e.getKey().startsWith("2")).mapToLong(e -> e.getValue().get()).sum();
        return row.append(',').append(backlog).append(',').append(consumerLag(platform)).append(',').append(requests)
                .append(',').append(errors).toString();
    }

    /** RSS of a packaged service's process, found by its jar on the command line. */
    private static long rssMegabytes(String module) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(module + "/target/quarkus-app/quarkus-run.jar")).orElse(false))
                .mapToLong(p -> {
                    try {
                        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
                            if (line.startsWith("VmRSS:")) {
                                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                            }
                        }
                    } catch (Exception e) {
                        // gone
                    }
                    return 0;
                }).sum();
    }

    /** Messages the services' consumer groups have not read yet, over every partition of the civic topics. */
    private static long consumerLag(Platform platform) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.kafka().bootstrapServers()))) {
            long lag = 0;
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
            }
            return lag;
        }
    }

    private Map<String, Set<Integer>> bySubject(List<String> cloudEvents) {
        Map<String, Set<Integer>> versions = new HashMap<>();
        for (String event : cloudEvents) {
            try {
                JsonNode node = json.readTree(event);
                versions.computeIfAbsent(node.path("subject").asText(), k -> new java.util.HashSet<>()).add(node.path("data").path("version").asInt());
            } catch (java.io.IOException e) {
                // a heartbeat
            }
        }
        return versions;
    }

    /** A text chart of RSS and backlog over time, for docs/reliability.md. */
    static String chart(List<String> rows) {
        StringBuilder out = new StringBuilder("```\nseconds  officials agreements events gateway (RSS MB)  outbox  lag\n");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            out.append(String.format("%7s  %9s %10s %6s %7s            %6s %4s  %s%n", f[0], f[1], f[2], f[3], f[4], f[5], f[6],
                    "#".repeat((int) Math.min(60, Long.parseLong(f[1]) / 10))));
        }
        return out.append("```").toString();
    }

    /** An event of the soak's organizer a few days ahead; its id, or null when refused (tallied). */
    private String createEvent(URI gateway, String organizer, int tick) throws Exception {
        HttpResponse<String> created = tally(AdminCalls.send(http, gateway, "POST", "/api/v1/events", eventBody(organizer, tick), null));
        return created.statusCode() == 201 ? json.readTree(created.body()).path("id").asText() : null;
    }

    private static String eventBody(String organizer, int tick) {
        // RFC 3339 with seconds (OffsetDateTime.toString() drops ":00" seconds, which the API refuses)
        String startsAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(9)).plusDays(3).plusMinutes(tick)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:00XXX"));
        return """
                {"title": {"ko": "소크 행사 %d", "en": "Soak event %d"}, "type": "meeting", "startsAt": "%s",
                 "timeZone": "Asia/Seoul", "organizerId": "%s"}""".formatted(tick, tick, startsAt, organizer);
    }

    /**
     * The samples as an SVG line chart (docs/images/soak.svg): each service's RSS against the left
     * axis, the outbox backlog and the consumer lag (records) against the right one.
     */
    static String svg(List<String> rows, int minutes) {
        List<String[]> samples = rows.subList(1, rows.size()).stream().map(r -> r.split(",")).toList();
        int width = 760;
        int height = 320;
        int left = 60;
        int right = 60;
        int top = 30;
        int bottom = 40;
        double seconds = Math.max(1, samples.stream().mapToDouble(f -> Double.parseDouble(f[0])).max().orElse(1));
        double rss = Math.max(100, samples.stream().flatMapToDouble(f -> java.util.stream.DoubleStream.of(
                Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]))).max().orElse(100));
        rss = Math.ceil(rss / 100) * 100;
        double records = Math.max(10, samples.stream().flatMapToDouble(f -> java.util.stream.DoubleStream.of(
                Double.parseDouble(f[5]), Double.parseDouble(f[6]))).max().orElse(10));
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.append("<text x=\"").append(left).append("\" y=\"18\" font-size=\"13\">Soak, ").append(minutes)
                .append(" min: RSS per service (MB, left) and outbox backlog / consumer lag (records, right)</text>\n");
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        out.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plotW).append("\" height=\"")
                .append(plotH).append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int i = 0; i <= 4; i++) {
            int y = top + plotH - plotH * i / 4;
            out.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>%n", left - 6, y + 4, rss * i / 4));
            out.append(String.format("<text x=\"%d\" y=\"%d\">%.0f</text>%n", width - right + 6, y + 4, records * i / 4));
            out.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n", left, width - right, y, y));
            int x = left + plotW * i / 4;
            out.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f s</text>%n", x, height - bottom + 16, seconds * i / 4));
        }
        String[] names = {"officials RSS", "agreements RSS", "events RSS", "gateway RSS", "outbox backlog", "consumer lag"};
        String[] colors = {"#1f77b4", "#2ca02c", "#9467bd", "#d62728", "#ff7f0e", "#7f7f7f"};
        for (int series = 0; series < names.length; series++) {
            double scale = series < 4 ? rss : records;
            StringBuilder points = new StringBuilder();
            for (String[] f : samples) {
                double x = left + plotW * Double.parseDouble(f[0]) / seconds;
                double y = top + plotH - plotH * Double.parseDouble(f[series + 1]) / scale;
                points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            out.append("<polyline fill=\"none\" stroke=\"").append(colors[series]).append("\" stroke-width=\"1.5\"")
                    .append(series >= 4 ? " stroke-dasharray=\"4 3\"" : "").append(" points=\"").append(points.toString().strip()).append("\"/>\n");
            out.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"%s\">%s %s</text>%n", left + series * 115, height - 10,
                    colors[series], series >= 4 ? "- -" : "—", names[series]));
        }
        return out.append("</svg>\n").toString();
    }
}
