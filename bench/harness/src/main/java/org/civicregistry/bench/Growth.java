package org.civicregistry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Section 4: the register grown to each size through a bulk path that still emits every event. Rows
 * are inserted with SQL together with their history rows and outbox rows, exactly the three rows
 * ChangeRecorder writes per change, so the outbox relays publish every record, officials' people and
 * organizations reach events-service's read models through Kafka as usual, and the gateway's consumers
 * see the whole stream. Then the reads a municipal site makes, measured through the gateway, and the
 * download of the whole events collection ({@link Download}).
 * People are 1 per 100 events, organizations and agreements 1 per 1,000 (at least 10).
 */
final class Growth {

    /** API type, database type, Korean word, English word: the words make the q= searches hit 1 event in 11. */
    private static final String[][] TYPES = {
            { "memorial_visit", "MEMORIAL_VISIT", "참배", "memorial visit" },
            { "signing_ceremony", "SIGNING_CEREMONY", "협약 체결식", "signing ceremony" },
            { "special_lecture", "SPECIAL_LECTURE", "특강", "special lecture" },
            { "meeting", "MEETING", "간담회", "meeting" },
            { "launch_ceremony", "LAUNCH_CEREMONY", "출범식", "launch ceremony" },
            { "policy_presentation", "POLICY_PRESENTATION", "정책발표회", "policy presentation" },
            { "task_force_meeting", "TASK_FORCE_MEETING", "TF 회의", "task force session" },
            { "press_conference", "PRESS_CONFERENCE", "기자회견", "press conference" },
            { "groundbreaking", "GROUNDBREAKING", "기공식", "groundbreaking" },
            { "ceremony", "CEREMONY", "기념식", "commemoration" },
            { "other", "OTHER", "행사", "public gathering" } };
    private static final int CHUNK = 50_000;
    private static final String NOW_JSON = "to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private final Platform platform;
    private final Api api;
    private final Results.Builder results;
    private final Runnable checkpoint;
    private int events;
    private int people;
    private int organizations;
    private int agreements;

    Growth(Platform platform, Api api, Results.Builder results, Runnable checkpoint) {
        this.platform = platform;
        this.api = api;
        this.results = results;
        this.checkpoint = checkpoint;
    }

    void run(List<Integer> sizes, int samples, int downloadRounds, Duration deadline) throws Exception {
        long stopAt = System.nanoTime() + deadline.toNanos();
        for (int size : sizes) {
            if (System.nanoTime() > stopAt) {
                results.notes.add("growth: size " + size + " was not run: the time budget (--growth-budget) was spent.");
                continue;
            }
            Bench.log("growth: to %,d events", size);
            long t0 = System.nanoTime();
            grow(size);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            awaitDrained();
            double relaySeconds = (System.nanoTime() - t1) / 1e9;
            analyze();
            Bench.log("  loaded in %.0f s, outbox drained %.0f s later", loadSeconds, relaySeconds);
            List<Results.Query> queries = measure(size, samples);
            results.growth.add(new Results.GrowthStep(size, people, organizations, agreements, Stats.round(loadSeconds),
                    Stats.round(relaySeconds), queries, new Download(platform, api).run(downloadRounds)));
            checkpoint.run();
        }
    }

    private void grow(int size) throws Exception {
        int orgTarget = Math.max(10, size / 1000);
        int peopleTarget = Math.max(10, size / 100);
        int agreementTarget = Math.max(10, size / 1000);
        try (Connection db = connect("officials"); Statement sql = db.createStatement()) {
            idFunction(sql);
            sql.execute(organizations(organizations + 1, orgTarget));
            sql.execute(people(people + 1, peopleTarget));
        }
        try (Connection db = connect("agreements"); Statement sql = db.createStatement()) {
            idFunction(sql);
            sql.execute(agreements(agreements + 1, agreementTarget));
        }
        organizations = orgTarget;
        people = peopleTarget;
        agreements = agreementTarget;
        // Events name their organizer and participants by id; events-service must have learned them from
        // civic.officials.v1 first, as any writer would need.
        try (Connection db = connect("events"); Statement sql = db.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (count(sql, "select count(*) from known_person where slug like 'bench-person-%'") < people
                    || count(sql, "select count(*) from known_organization where slug like 'bench-org-%'") < organizations) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("events-service did not learn the bulk people and organizations within 10 minutes");
                }
                Thread.sleep(200);
            }
            idFunction(sql);
            sql.execute("create temporary table if not exists bench_org as select 0 as num, id from known_organization limit 0");
            sql.execute("truncate bench_org");
            sql.execute("insert into bench_org select substring(slug from 11)::int, id from known_organization where slug like 'bench-org-%'");
            sql.execute("create temporary table if not exists bench_person as select 0 as num, id from known_person limit 0");
            sql.execute("truncate bench_person");
            sql.execute("insert into bench_person select substring(slug from 14)::int, id from known_person where slug like 'bench-person-%'");
            sql.execute("create index if not exists bench_org_n on bench_org (num)");
            sql.execute("create index if not exists bench_person_n on bench_person (num)");
            sql.execute("analyze bench_org");
            sql.execute("analyze bench_person");
            for (int from = events + 1; from <= size; from += CHUNK) {
                sql.execute(events(from, Math.min(size, from + CHUNK - 1)));
            }
        }
        events = size;
    }

    /** A time-ordered UUID (version 7 layout) per kind and number, so ids sort by creation as the services' do. */
    private static void idFunction(Statement sql) throws SQLException {
        sql.execute("""
                create or replace function pg_temp.bench_id(kind int, n bigint) returns uuid language sql immutable as $$
                  select (lpad(to_hex(1750000000000 + n), 12, '0') || '7' || lpad(to_hex(kind), 3, '0') || '8'
                          || substr(md5(kind || ':' || n), 1, 15))::uuid
                $$""");
    }

    /** Inserts the rows of {@code select} (with its snapshot column {@code snap}) and their history and outbox rows. */
    private static String withChanges(String table, String columns, String select, String entityType, String eventType,
            String topic) {
        return """
                with rows as (%3$s),
                     ins as (insert into %1$s (%2$s) select %2$s from rows),
                     hist as (insert into record_history (entity_type, entity_id, version, event_type, changed_at, changed_by, snapshot)
                              select '%4$s', id, 1, '%5$s', now(), 'bench', snap from rows)
                insert into outbox_event (event_id, topic, record_key, type, subject, occurred_at, payload)
                select gen_random_uuid(), '%6$s', id::text, '%5$s', id::text, now(), snap from rows
                """.formatted(table, columns, select, entityType, eventType, topic);
    }

    private static String organizations(int from, int to) {
        String select = """
                select id, slug, name, 'committee' as classification, 'ACTIVE' as status, lower(name->>'ko' || chr(10) || (name->>'en')) || chr(10) || slug as search_text,
                       now() as created_at, now() as updated_at, 1 as version,
                       json_build_object('id', id, 'slug', slug, 'name', name, 'otherNames', json_build_array(), 'classification', 'committee',
                         'parentId', null, 'divisionId', null, 'foundedOn', null, 'dissolvedOn', null, 'identifiers', json_build_array(),
                         'sources', json_build_array(), 'status', 'active', 'createdAt', %3$s, 'updatedAt', %3$s, 'version', 1) as snap
                from (select pg_temp.bench_id(1, n) as id, 'bench-org-' || n as slug,
                             jsonb_build_object('ko', '벤치마크 위원회 ' || n, 'en', 'Benchmark committee ' || n) as name
                      from generate_series(%1$d, %2$d) n) g""".formatted(from, to, NOW_JSON);
        return withChanges("organization", "id, slug, name, classification, status, search_text, created_at, updated_at, version",
                select, "organization", "civic.organization.created", "civic.officials.v1");
    }

    private static String people(int from, int to) {
        String select = """
                select id, slug, name, 'ACTIVE' as status, lower(name->>'ko' || chr(10) || (name->>'en')) || chr(10) || slug as search_text,
                       now() as created_at, now() as updated_at, 1 as version,
                       json_build_object('id', id, 'slug', slug, 'name', name, 'otherNames', json_build_array(), 'birthDate', null,
                         'image', null, 'contacts', json_build_array(), 'identifiers', json_build_array(), 'sources', json_build_array(),
                         'status', 'active', 'createdAt', %3$s, 'updatedAt', %3$s, 'version', 1) as snap
                from (select pg_temp.bench_id(2, n) as id, 'bench-person-' || n as slug,
                             jsonb_build_object('ko', '공무원 ' || n, 'en', 'Official ' || n) as name
                      from generate_series(%1$d, %2$d) n) g""".formatted(from, to, NOW_JSON);
        return withChanges("person", "id, slug, name, status, search_text, created_at, updated_at, version", select, "person",
                "civic.person.created", "civic.officials.v1");
    }

    private static String agreements(int from, int to) {
        String select = """
                select id, slug, title, 'mutual_development' as kind, 'SIGNED' as lifecycle, '2024' as signed_on,
                       date '2024-01-01' as signed_from, date '2024-12-31' as signed_to, date '2024-01-01' as signing_order,
                       'ACTIVE' as status, lower(title->>'ko' || chr(10) || (title->>'en')) || chr(10) || slug as search_text,
                       now() as created_at, now() as updated_at, 1 as version,
                       json_build_object('id', id, 'slug', slug, 'title', title, 'summary', null, 'kind', 'mutual_development',
                         'status', 'signed', 'signedOn', '2024', 'place', null, 'effectiveFrom', null, 'effectiveUntil', null,
                         'parties', json_build_array(), 'items', json_build_array(), 'documents', json_build_array(), 'amendsId', null,
                         'supersedesId', null, 'signingEventId', null, 'identifiers', json_build_array(), 'sources', json_build_array(),
                         'createdAt', %3$s, 'updatedAt', %3$s, 'version', 1) as snap
                from (select pg_temp.bench_id(3, n) as id, 'bench-agreement-' || n as slug,
                             jsonb_build_object('ko', '벤치마크 상생협약 ' || n, 'en', 'Benchmark cooperation agreement ' || n) as title
                      from generate_series(%1$d, %2$d) n) g""".formatted(from, to, NOW_JSON);
        return withChanges("agreement", "id, slug, title, kind, lifecycle, signed_on, signed_from, signed_to, signing_order, status,"
                + " search_text, created_at, updated_at, version", select, "agreement", "civic.agreement.created", "civic.agreements.v1");
    }

    /**
     * Events numbered from..to, spread over three years (a permutation of minutes, so neighbours in number
     * are not neighbours in time), organized by the organizations and attended by the people known so far.
     */
    private String events(int from, int to) {
        StringBuilder types = new StringBuilder("(values ");
        for (int t = 0; t < TYPES.length; t++) {
            types.append(t == 0 ? "" : ", ").append("(%d, '%s', '%s', '%s', '%s')".formatted(t, TYPES[t][0], TYPES[t][1], TYPES[t][2], TYPES[t][3]));
        }
        types.append(") as t(k, api, db, ko, en)");
        String select = """
                select id, title, db as type, 'SCHEDULED' as event_status, starts_at, starts_at + interval '1 hour' as ends_at,
                       starts_at + interval '1 hour' as last_at, 'Asia/Seoul' as time_zone, false as all_day, organizer_id,
                       participants, 'ACTIVE' as status, lower(title->>'ko' || chr(10) || (title->>'en')) as search_text,
                       now() as created_at, now() as updated_at, 1 as version,
                       json_build_object('id', id, 'slug', null, 'title', title, 'description', null, 'type', api, 'status', 'scheduled',
                         'startsAt', to_char(starts_at at time zone 'Asia/Seoul', 'YYYY-MM-DD"T"HH24:MI:SS"+09:00"'),
                         'endsAt', to_char((starts_at + interval '1 hour') at time zone 'Asia/Seoul', 'YYYY-MM-DD"T"HH24:MI:SS"+09:00"'),
                         'timeZone', 'Asia/Seoul', 'allDay', false, 'location', null, 'organizerId', organizer_id,
                         'participants', participants, 'agreementId', null, 'previousStartTimes', json_build_array(),
                         'icalUid', id || '@civic-registry', 'sequence', 0, 'identifiers', json_build_array(),
                         'sources', json_build_array(), 'recordStatus', 'active', 'createdAt', %5$s, 'updatedAt', %5$s, 'version', 1) as snap
                from (select pg_temp.bench_id(4, n) as id, t.api, t.db,
                             jsonb_build_object('ko', '지역 ' || t.ko || ' ' || n, 'en', 'Regional ' || t.en || ' ' || n) as title,
                             timestamptz '2024-01-01 00:00+09' + ((n::bigint * 7919) %% 1576800) * interval '1 minute' as starts_at,
                             o.id as organizer_id,
                             jsonb_build_array(jsonb_build_object('personId', p.id, 'role', 'host', 'postId', null),
                                               jsonb_build_object('personId', q.id, 'role', 'guest', 'postId', null)) as participants
                      from generate_series(%1$d, %2$d) n
                      join %3$s on t.k = n %% %4$d
                      join bench_org o on o.num = n %% %6$d + 1
                      join bench_person p on p.num = n %% %7$d + 1
                      join bench_person q on q.num = (n + 1) %% %7$d + 1) g""".formatted(from, to, types, TYPES.length, NOW_JSON,
                organizations, people);
        return withChanges("event", "id, title, type, event_status, starts_at, ends_at, last_at, time_zone, all_day, organizer_id,"
                + " participants, status, search_text, created_at, updated_at, version", select, "event", "civic.event.scheduled",
                "civic.events.v1");
    }

    /** Until every relay has published its outbox and the read models have caught up (readiness says both). */
    private void awaitDrained() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        for (String database : List.of("officials", "agreements", "events")) {
            try (Connection db = connect(database); Statement sql = db.createStatement()) {
                while (count(sql, "select count(*) from outbox_event") > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException(database + ": outbox not drained within 30 minutes");
                    }
                    Thread.sleep(200);
                }
            }
        }
        platform.awaitReady(Duration.ofMinutes(10));
    }

    /** What autovacuum would do soon after such a load; done now so every size is measured with fresh statistics. */
    private void analyze() throws SQLException {
        try (Connection db = connect("events"); Statement sql = db.createStatement()) {
            sql.execute("vacuum analyze event");
            sql.execute("analyze known_organization");
            sql.execute("analyze known_person");
        }
    }

    private List<Results.Query> measure(int size, int samples) throws Exception {
        URI gateway = platform.gateway();
        // 10,000 deep at every size (the list also holds the events the earlier sections wrote); a smoke run's
        // small register is paged as deep as it goes.
        int depth;
        try (Connection db = connect("events"); Statement sql = db.createStatement()) {
            depth = (int) Math.min(10_000, Math.max(1, count(sql, "select count(*) from event where status = 'ACTIVE'") - 100));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("first page", "/api/v1/events?limit=50");
        queries.put("page " + String.format("%,d", depth) + " deep (cursor)", "/api/v1/events?limit=50&cursor=" + Api.encode(cursorAt(depth)));
        queries.put("filtered window (one month, type)", "/api/v1/events?from=2025-03-01&to=2025-03-31&type=meeting&limit=50");
        queries.put("q= Korean (간담회)", "/api/v1/events?q=" + Api.encode("간담회") + "&limit=50");
        queries.put("q= English (lecture)", "/api/v1/events?q=lecture&limit=50");
        queries.put("one-month ICS feed of one organization",
                "/api/v1/events/calendar.ics?organization=bench-org-" + organizations + "&from=2025-03-01&to=2025-04-01&lang=ko");
        List<Results.Query> measured = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            URI uri = gateway.resolve(query.getValue());
            long errors = 0;
            for (int i = 0; i < 3; i++) {
                api.get(uri); // warm-up
            }
            double[] millis = new double[samples];
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = api.get(uri);
                millis[i] = (System.nanoTime() - t0) / 1e6;
                if (response.statusCode() != 200 || response.body().isEmpty()) {
                    errors++;
                    if (errors == 1) {
                        results.errors.add("growth " + size + ", " + query.getKey() + ": " + response.statusCode() + " "
                                + response.body().substring(0, Math.min(300, response.body().length())));
                    }
                }
            }
            Results.Query result = new Results.Query(query.getKey(), query.getValue(), Stats.latency(millis), errors);
            Bench.log("  %s: p50 %.1f ms, p95 %.1f ms", query.getKey(), result.latency().p50(), result.latency().p95());
            measured.add(result);
        }
        return measured;
    }

    /** The cursor after {@code depth} records, reached by paging as a client would (200 at a time). */
    private String cursorAt(int depth) throws IOException, InterruptedException {
        String cursor = null;
        int seen = 0;
        while (seen < depth) {
            int limit = Math.min(200, depth - seen);
            String path = "/api/v1/events?limit=" + limit + (cursor == null ? "" : "&cursor=" + Api.encode(cursor));
            JsonNode page = Api.JSON.readTree(api.get(platform.service("events-service").resolve(path)).body());
            seen += page.path("items").size();
            cursor = page.path("nextCursor").asText(null);
            if (cursor == null) {
                throw new IOException("the event list ended after " + seen + " records, before " + depth);
            }
        }
        return cursor;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(database), "postgres", "postgres");
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
