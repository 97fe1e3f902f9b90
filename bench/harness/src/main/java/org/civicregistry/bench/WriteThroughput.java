package org.civicregistry.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 3: events with participants created at concurrency 1, 8, 32 straight at events-service
 * (validation, read-model checks, history, outbox), against pgbench running the equivalent SQL (the
 * event row and its outbox row, one transaction) on the events database: the database's own limit.
 * pgbench writes into a scratch schema with copies of the two tables (same indexes, same NOTIFY
 * trigger), so the register's data and its topic stay clean.
 */
final class WriteThroughput {

    private static final Pattern TPS = Pattern.compile("tps = ([\\d.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final Platform platform;
    private final Api api;
    private final Results.Builder results;

    WriteThroughput(Platform platform, Api api, Results.Builder results) {
        this.platform = platform;
        this.api = api;
        this.results = results;
    }

    void run(List<Integer> concurrencies, int seconds) throws Exception {
        boolean pgbench = Tools.installed("pgbench");
        if (pgbench) {
            prepareScratchSchema();
        } else {
            results.notes.add("pgbench is not installed: the database baseline was left out of this run.");
        }
        try {
            // Interleaved per concurrency, so both sides meet the same machine state.
            for (int concurrency : concurrencies) {
                results.writes.add(service(concurrency, seconds));
                if (pgbench) {
                    results.writes.add(pgbench(concurrency, seconds));
                }
            }
        } finally {
            if (pgbench) {
                sql("drop schema if exists bench cascade");
            }
        }
    }

    private Results.Write service(int concurrency, int seconds) throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> firstErrors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> response = api.http().send(api.createEvent(platform.service("events-service")),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            synchronized (firstErrors) {
                                if (firstErrors.size() < 3) {
                                    firstErrors.add(response.statusCode() + " " + response.body());
                                }
                            }
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Results.Write write = new Results.Write("events-service POST /api/v1/events", concurrency, seconds, ok.get(), errors.get(),
                Stats.round(ok.get() / elapsed));
        Bench.log("  service, concurrency %d: %.1f writes/s, %d errors", concurrency, write.perSecond(), errors.get());
        if (errors.get() > 0) {
            results.errors.add("writes at concurrency " + concurrency + ": " + errors.get() + " failed " + firstErrors);
        }
        return write;
    }

    private Results.Write pgbench(int concurrency, int seconds) throws IOException, InterruptedException {
        Path script = platform.home().resolve("pgbench-event.sql");
        String payload = api.get(platform.service("events-service").resolve("/api/v1/events?limit=1")).body()
                .replace("'", "''");
        // One event with two participants and its outbox row, in one transaction, as the service commits it.
        Files.writeString(script, """
                \\set n random(1, 500000)
                BEGIN;
                INSERT INTO bench.event (id, title, description, type, event_status, starts_at, ends_at, last_at, time_zone,
                    location, organizer_id, participants, status, search_text, created_at, updated_at, version)
                VALUES (gen_random_uuid(), '{"ko": "벤치마크 정책 간담회", "en": "Benchmark policy meeting"}',
                    '{"ko": "지역 현안 논의", "en": "Discussion of regional issues"}', 'MEETING', 'SCHEDULED',
                    timestamptz '2027-03-01 01:00Z' + :n * interval '1 minute', timestamptz '2027-03-01 02:00Z' + :n * interval '1 minute',
                    timestamptz '2027-03-01 02:00Z' + :n * interval '1 minute', 'Asia/Seoul',
                    '{"name": {"ko": "경기도청", "en": "Gyeonggi Provincial Office"}, "lat": 37.2886, "lon": 127.0533}',
                    '%1$s', '[{"personId": "%1$s", "role": "host"}, {"personId": "%1$s", "role": "guest"}]', 'ACTIVE',
                    'benchmark policy meeting 벤치마크 정책 간담회', now(), now(), 1);
                INSERT INTO bench.outbox_event (event_id, topic, record_key, type, subject, occurred_at, payload)
                VALUES (gen_random_uuid(), 'bench.pgbench', :n, 'civic.event.scheduled', :n, now(), '%2$s');
                END;
                """.formatted(api.organizerId(), payload));
        Tools.Output out = Tools.run(List.of(Tools.path("pgbench"), "-n", "-h", "localhost", "-p", String.valueOf(platform.ports().postgres()),
                "-U", "postgres", "-c", String.valueOf(concurrency), "-j", String.valueOf(Math.min(concurrency, 2)), "-T",
                String.valueOf(seconds), "-f", script.toString(), "events"), Map.of("PGPASSWORD", "postgres"), seconds + 120L);
        Matcher tps = TPS.matcher(out.text());
        if (out.exitCode() != 0 || !tps.find()) {
            throw new IOException("pgbench failed:\n" + out.text());
        }
        Matcher failed = FAILED.matcher(out.text());
        long errors = failed.find() ? Long.parseLong(failed.group(1)) : 0;
        double perSecond = Double.parseDouble(tps.group(1));
        Bench.log("  pgbench, concurrency %d: %.1f transactions/s", concurrency, perSecond);
        return new Results.Write("pgbench (event row + outbox row)", concurrency, seconds, Math.round(perSecond * seconds), errors,
                Stats.round(perSecond));
    }

    private void prepareScratchSchema() throws SQLException {
        sql("drop schema if exists bench cascade",
                "create schema bench",
                "create table bench.event (like public.event including all)",
                "create table bench.outbox_event (like public.outbox_event including all)",
                "create trigger outbox_event_notify after insert on bench.outbox_event for each statement execute function public.outbox_notify()");
    }

    private void sql(String... statements) throws SQLException {
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl("events"), "postgres", "postgres");
                Statement statement = db.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
