package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.civicregistry.testsupport.fuzz.Operations.Operation;
import org.civicregistry.testsupport.fuzz.Operations.Param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * What to send for an operation: a valid request with one kind of bad input in it (a body field, the
 * body's structure, its content type, a parameter, an injection, a header or the path), or now and
 * then a valid one.
 */
final class RequestGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiFuzzer.Settings settings;
    private final SeededRandom random;
    private final ValidValues values;
    private final BadValues bad;
    private final KnownRecords records;

    RequestGenerator(ApiFuzzer.Settings settings, SeededRandom random, ValidValues values, BadValues bad, KnownRecords records) {
        this.settings = settings;
        this.random = random;
        this.values = values;
        this.bad = bad;
        this.records = records;
    }

    /** One request for {@code op}; the kind of bad input it carries is drawn first. */
    Sent generate(Operation op) throws IOException {
        int dice = random.nextInt(100);
        String kind;
        if (dice < 10) {
            kind = "valid";
        } else if (dice < 40 && op.bodySchema() != null) {
            kind = "body-field";
        } else if (dice < 50 && op.bodySchema() != null) {
            kind = "body-structure";
        } else if (dice < 55 && op.bodySchema() != null) {
            kind = "content-type";
        } else if (dice < 70) {
            kind = "parameter";
        } else if (dice < 82) {
            kind = "injection";
        } else if (dice < 90) {
            kind = "header";
        } else if (dice < 95) {
            kind = "path";
        } else {
            kind = op.bodySchema() != null ? "body-field" : "parameter";
        }

        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<String[]> query = new ArrayList<>();
        for (Param p : op.params()) {
            switch (p.in()) {
                case "path" -> pathValues.put(p.name(), encode(values.param(op, p)));
                case "query" -> {
                    if (random.nextInt(4) == 0) {
                        query.add(new String[] { p.name(), values.param(op, p) });
                    }
                }
                case "header" -> {
                    String value = values.param(op, p);
                    if (value != null) {
                        headers.put(p.name(), value);
                    }
                }
                default -> {
                }
            }
        }
        if (op.write() && !headers.containsKey("If-Match") && op.path().contains("{")) {
            String etag = etagFor(pathValues);
            if (etag != null) {
                headers.put("If-Match", etag);
            }
        }

        String contentType = op.bodyType();
        byte[] body = null;
        JsonNode bodyNode = op.bodySchema() == null ? null : values.body(op);

        switch (kind) {
            case "parameter" -> {
                List<Param> candidates = op.params().stream().filter(p -> !p.in().equals("cookie")).toList();
                if (candidates.isEmpty() || random.nextInt(5) == 0) {
                    query.add(new String[] { random.pick("limit", "cursor", "lang", "status", "q", "zzz", "at", "id", "slug", ""), bad.text() });
                } else {
                    Param p = candidates.get(random.nextInt(candidates.size()));
                    String value = random.nextInt(3) == 0 ? bad.numberText() : bad.text();
                    switch (p.in()) {
                        case "path" -> pathValues.put(p.name(), encode(value));
                        case "header" -> headers.put(p.name(), value);
                        default -> {
                            query.removeIf(q -> q[0].equals(p.name()));
                            query.add(new String[] { p.name(), value });
                            if (random.nextInt(4) == 0) {
                                query.add(new String[] { p.name(), values.param(op, p) });
                            }
                        }
                    }
                }
            }
            case "injection" -> {
                String attack = random.pick(BadValues.INJECTIONS);
                int where = random.nextInt(4);
                List<Param> pathParams = op.params().stream().filter(p -> p.in().equals("path")).toList();
                List<Param> queryParams = op.params().stream().filter(p -> p.in().equals("query")).toList();
                if (where == 0 && !pathParams.isEmpty()) {
                    Param p = pathParams.get(random.nextInt(pathParams.size()));
                    pathValues.put(p.name(), random.nextBoolean() ? encode(attack) : bad.rawTraversal());
                } else if (where == 1 && !queryParams.isEmpty()) {
                    Param p = queryParams.get(random.nextInt(queryParams.size()));
                    query.add(new String[] { p.name(), attack });
                } else if (where == 2 && bodyNode != null) {
                    bodyNode = bad.mutateField(bodyNode, NODES.textNode(attack));
                } else {
                    headers.put(random.pick("X-Request-Id", "Accept-Language", "If-None-Match", "X-Forwarded-Prefix", "Origin", "X-Api-Key"),
                            BadValues.headerSafe(attack));
                }
            }
            case "header" -> {
                String name = random.pick("Accept-Language", "Accept", "If-None-Match", "If-Match", "X-Request-Id", "Authorization", "Origin");
                String value = switch (name) {
                    case "Accept" -> random.pick("application/xml", "text/html", "*/*;q=bogus", "application/json;q=0", "", "image/png",
                            "text/event-stream", "application/problem+json");
                    case "Authorization" -> random.pick("Bearer", "Bearer " + settings.token + "x", "Basic YWRtaW46YWRtaW4=", "Bearer ....",
                            "Bearer " + "A".repeat(9000));
                    case "If-Match", "If-None-Match" -> random.pick("", "*", "\"1\"", "W/\"1\"", "1", "\"99999999999999999999\"", "\"-1\"",
                            "\"1-en\"", "\"abc\"", "\"1\", \"2\"", "\"" + "9".repeat(400) + "\"", "\"\"");
                    default -> BadValues.headerSafe(bad.text());
                };
                headers.put(name, value);
            }
            case "path" -> {
                String target = buildPath(op.path(), pathValues);
                target = switch (random.nextInt(8)) {
                    case 0 -> target + "/";
                    case 1 -> target.replaceFirst("/api/", "//api/");
                    case 2 -> target + "/..%2F..%2Fq%2Fhealth";
                    case 3 -> target + ";jsessionid=0";
                    case 4 -> target + "/" + encode(bad.text());
                    case 5 -> target.replace("/v1/", "/v1/%2e%2e/");
                    case 6 -> target + "%00";
                    default -> target.toUpperCase(Locale.ROOT);
                };
                String method = random.nextInt(4) == 0 ? random.pick("PUT", "PATCH", "DELETE", "POST", "OPTIONS", "HEAD", "TRACE", "FOO") : op.method();
                byte[] payload = bodyNode == null ? null : JSON.writeValueAsBytes(bodyNode);
                addAuth(headers);
                return new Sent(kind, method, target + queryString(query), contentType, payload, headers);
            }
            default -> {
            }
        }

        if (bodyNode != null) {
            switch (kind) {
                case "body-field" -> {
                    String[] raw = new String[1];
                    bodyNode = bad.mutateField(bodyNode, bad.node(raw));
                    body = JSON.writeValueAsString(bodyNode).replace("\"" + BadValues.RAW + "\"", raw[0] == null ? "null" : raw[0])
                            .getBytes(StandardCharsets.UTF_8);
                }
                case "body-structure" -> body = bad.structural(bodyNode);
                case "content-type" -> {
                    body = random.nextBoolean() ? JSON.writeValueAsBytes(bodyNode) : "name=x&slug=y".getBytes(StandardCharsets.UTF_8);
                    contentType = random.pick("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                            "application/json; charset=utf-16", "application/json; charset=nonsense", "*/*", "application/", ";;;", "",
                            "application/merge-patch+json", "application/json", "text/json", "application/vnd.api+json", "image/png");
                    if (contentType.isEmpty()) {
                        contentType = null;
                    }
                }
                default -> body = JSON.writeValueAsBytes(bodyNode);
            }
        }
        addAuth(headers);
        return new Sent(kind, op.method(), buildPath(op.path(), pathValues) + queryString(query), contentType, body, headers);
    }

    private void addAuth(Map<String, String> headers) {
        headers.putIfAbsent("Authorization", "Bearer " + settings.token);
    }

    /** Mostly the record's current ETag, sometimes a stale one, so both sides of the version check are tried. */
    private String etagFor(Map<String, String> pathValues) {
        for (String value : pathValues.values()) {
            String etag = records.etag(value);
            if (etag != null) {
                return random.nextInt(5) == 0 ? "\"" + (1 + random.nextInt(3)) + "\"" : etag;
            }
        }
        return random.nextBoolean() ? "\"1\"" : null;
    }

    /** The path with its parameters filled in; one left out gets a random id. */
    private static String buildPath(String template, Map<String, String> pathValues) {
        String path = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static String queryString(List<String[]> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        for (String[] q : query) {
            if (out.length() > 1) {
                out.append('&');
            }
            out.append(encode(q[0]));
            if (q[1] != null) {
                out.append('=').append(encode(q[1]));
            }
        }
        return out.toString();
    }

    /** Percent-encodes everything but the unreserved characters, so any text can travel in a path or query. */
    static String encode(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
