package org.civicregistry.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The platform's public API as the benchmarks use it: reads, and event writes with the launcher's admin token. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    /** An organizer and participants from the demo data, as ids: what a municipal editor would send. */
    private String organizerId;
    private List<String> personIds;

    Api(String token) {
        this.token = token;
    }

    HttpClient http() {
        return http;
    }

    /** Looks up the demo records that written events refer to. */
    void learnDemoData(URI base) throws IOException, InterruptedException {
        organizerId = idOf(base, "/api/v1/organizations?slug=gyeonggi");
        personIds = List.of(idOf(base, "/api/v1/people?slug=kim-dong-yeon"), idOf(base, "/api/v1/people?slug=kang-ki-jung"));
    }

    String organizerId() {
        return organizerId;
    }

    private String idOf(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base.resolve(path));
        JsonNode items = JSON.readTree(response.body()).path("items");
        if (response.statusCode() != 200 || items.isEmpty()) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return items.get(0).path("id").asText();
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A POST of a new event with two participants: validation, read-model checks, history and outbox. */
    HttpRequest createEvent(URI base) {
        long n = SEQUENCE.incrementAndGet();
        OffsetDateTime start = OffsetDateTime.of(2027, 3, 1, 10, 0, 0, 0, ZoneOffset.ofHours(9)).plusMinutes(n % 500_000);
        String body = """
                {"title": {"ko": "벤치마크 정책 간담회 %1$d", "en": "Benchmark policy meeting %1$d"},
                 "description": {"ko": "지역 현안 논의", "en": "Discussion of regional issues"},
                 "type": "meeting", "startsAt": "%2$s", "endsAt": "%3$s", "timeZone": "Asia/Seoul",
                 "location": {"name": {"ko": "경기도청", "en": "Gyeonggi Provincial Office"}, "lat": 37.2886, "lon": 127.0533},
                 "organizerId": "%4$s",
                 "participants": [{"personId": "%5$s", "role": "host"}, {"personId": "%6$s", "role": "guest"}]}
                """.formatted(n, start, start.plusHours(1), organizerId, personIds.get(0), personIds.get(1));
        return HttpRequest.newBuilder(base.resolve("/api/v1/events")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpRequest post(URI uri, String json) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    HttpRequest delete(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .DELETE().build();
    }

    /** The id of a created record, from its 201 body. */
    static String id(String body) throws IOException {
        return JSON.readTree(body).path("id").asText();
    }
}
