package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.civicregistry.testsupport.Contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Property-based bad input, generated from a service's own OpenAPI document ({@code /q/openapi}):
 * every operation gets requests whose parameters, headers and body fields carry wrong types,
 * boundary and overflow values, empty and huge values, Unicode edge cases, injection attempts,
 * malformed JSON, duplicated keys and wrong content types. A seeded {@link Random} makes a run
 * reproducible: the seed is printed and taken from {@code -Dcivic.fuzz.seed=}. Without it the seed
 * is {@link #DEFAULT_SEED}, so the build's verdict never depends on luck; {@code -Dcivic.fuzz.seed=random}
 * explores new requests (and prints the seed to repeat a finding with).
 *
 * <p>Each answer is checked: never 5xx; every 4xx is {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status} (equal to the HTTP status) and {@code detail}, and no
 * stack trace; no answer header carries an injected line; a {@code Location} points into the
 * service; and a rejected write leaves every table's row count as it was (the outbox does not grow).
 * Requests are sent one at a time over one kept-alive connection, so the row counts are exact.
 */
public final class ApiFuzzer {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiFuzzer.class);

    public static final long DEFAULT_SEED = 20_261_122L;

    /** Row counts of the service's database: every table but the outbox, and the outbox. */
    public interface Rows {
        long[] count();

        /**
         * Whether {@code now} shows no change since {@code before}: every table but the outbox as it
         * was, and the outbox not grown (the relay empties it meanwhile, so it may shrink).
         */
        static boolean unchanged(long[] before, long[] now) {
            return now[0] == before[0] && now[1] <= before[1];
        }
    }

    public static final class Settings {
        final String service;
        final URI base;
        final String token;
        int requests = 10_000;
        long seed = seedFromProperty();
        Predicate<String> paths = p -> p.startsWith("/api/");
        Rows rows;
        final List<String> references = new ArrayList<>();
        final Map<String, List<String>> ids = new LinkedHashMap<>();
        String rateLimitKeyHeader;
        String contractDocument = DOCUMENT;
        Predicate<String> contractExempt = path -> false;
        boolean archiveCreated;
        boolean disableCreated;

        private static long seedFromProperty() {
            String value = System.getProperty("civic.fuzz.seed");
            if (value == null || value.isBlank()) {
                return DEFAULT_SEED;
            }
            return value.strip().equals("random") ? System.nanoTime() : Long.parseLong(value.strip());
        }

        public Settings(String service, URI base, String token) {
            this.service = service;
            this.base = base;
            this.token = token;
            String count = System.getProperty("civic.fuzz.requests");
            if (count != null) {
                requests = Integer.parseInt(count);
            }
        }

        public Settings requests(int requests) {
            if (System.getProperty("civic.fuzz.requests") == null) {
                this.requests = requests;
            }
            return this;
        }

        /** Which documented paths to exercise (default: everything under /api/). */
        public Settings paths(Predicate<String> paths) {
            this.paths = paths;
            return this;
        }

        public Settings rows(Rows rows) {
            this.rows = rows;
            return this;
        }

        /** Ids of existing records that body fields and filters may refer to (so some writes pass the reference checks). */
        public Settings references(List<String> references) {
            this.references.addAll(references);
            return this;
        }

        /** Ids of existing records of a collection ({@code /api/v1/agreements}) to use in its paths. */
        public Settings ids(String collection, List<String> ids) {
            this.ids.computeIfAbsent(collection, k -> new ArrayList<>()).addAll(ids);
            return this;
        }

        /**
         * The document answers are checked against, when it is not the one requests are generated from
         * (the gateway: its platform document), and paths it does not describe in this test.
         */
        public Settings contract(String documentPath, Predicate<String> exempt) {
            this.contractDocument = documentPath;
            this.contractExempt = exempt;
            return this;
        }

        /** Sends a fresh value of this header every few requests (the gateway limits requests per API key). */
        public Settings rotateRateLimitKey(String header) {
            this.rateLimitKeyHeader = header;
            return this;
        }

        /** DELETEs every record the run created, at the end (webhook subscriptions should not outlive the test). */
        public Settings deleteCreated() {
            this.disableCreated = true;
            return this;
        }
    }

    /** What a run did; {@link #failures} must be empty. */
    public record Result(String service, long seed, int requests, int operations, Map<String, Integer> byStatus,
            Map<String, Integer> byKind, int writesRejected, int writesAccepted, long millis, long httpMillis, long countMillis,
            int failureCount, List<String> failures, List<String> acceptedWrites) {

        public String summary() {
            return "FUZZ service=" + service + " seed=" + seed + " requests=" + requests + " operations=" + operations
                    + " writesRejected=" + writesRejected + " writesAccepted=" + writesAccepted + " failures=" + failureCount
                    + " millis=" + millis + " (http " + httpMillis + ", row counts " + countMillis + ")" + " byStatus=" + byStatus + " byKind=" + byKind
                    + (acceptedWrites.isEmpty() ? "" : " acceptedWrites(first " + acceptedWrites.size() + ")=" + acceptedWrites);
        }
    }

    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    record Operation(String method, String path, List<Param> params, String bodyType, JsonNode bodySchema, JsonNode bodyExample) {

        boolean write() {
            return !method.equals("GET");
        }

        String collection() {
            int brace = path.indexOf('{');
            String prefix = brace < 0 ? path : path.substring(0, brace);
            return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }
    }

    record Sent(String kind, String method, String target, String contentType, byte[] body, Map<String, String> headers) {
        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return kind + " " + method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target) + " [" + contentType + "] " + headers.keySet() + " " + text.replace("\n", " ");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "/q/openapi?format=json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Settings settings;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, String> etags = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();
    private String rateKey = UUID.randomUUID().toString();
    private int sentWithKey;

    public ApiFuzzer(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed);
    }

    public Result run() throws Exception {
        LOG.info("FUZZ " + settings.service + ": seed " + settings.seed + " (repeat with -Dcivic.fuzz.seed=" + settings.seed + ")");
        long start = System.nanoTime();
        document = JSON.readTree(send("GET", DOCUMENT, null, null, Map.of()).body());
        readOperations();
        seedRecords();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int rejected = 0;
        int accepted = 0;
        // what was accepted, for runs that must accept no write at all (an editor of another jurisdiction)
        List<String> acceptedWrites = new ArrayList<>();
        long[] rows = settings.rows == null ? null : settings.rows.count();
        long httpNanos = 0;
        long countNanos = 0;
        for (int i = 0; i < settings.requests; i++) {
            Operation op = operations.get(random.nextInt(operations.size()));
            Sent sent;
            try {
                sent = generate(op);
            } catch (RuntimeException e) {
                throw new IllegalStateException("generator failed for " + op.method() + " " + op.path(), e);
            }
            HttpResponse<byte[]> response;
            long sending = System.nanoTime();
            try {
                try {
                    response = send(sent.method(), sent.target(), sent.contentType(), sent.body(), sent.headers());
                } catch (IOException e) {
                    // the server closed the kept-alive connection after the previous answer (a 413 or 414 does): once more, on a new one
                    byKind.merge("resent-on-new-connection", 1, Integer::sum);
                    response = send(sent.method(), sent.target(), sent.contentType(), sent.body(), sent.headers());
                }
            } catch (IllegalArgumentException e) {
                // java.net.http refuses to send this header or URI at all: another request is generated in its place
                byKind.merge("refused-by-client", 1, Integer::sum);
                i--;
                continue;
            } catch (IOException e) {
                failure(failures, "#" + i + " no answer (" + e + ") to " + sent.describe());
                continue;
            }
            httpNanos += System.nanoTime() - sending;
            byStatus.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
            byKind.merge(sent.kind(), 1, Integer::sum);
            String problem = check(sent, response);
            if (problem != null) {
                // the request first: the answer's part can be long and the failure is cut at 1,200 characters
                failure(failures, "#" + i + " " + sent.describe() + " -> " + problem);
            }
            remember(op, sent, response);
            // What was sent counts, not the operation it was made from: a path mutation may send a HEAD.
            boolean write = !Set.of("GET", "HEAD", "OPTIONS").contains(sent.method());
            if (write && rows != null) {
                long counting = System.nanoTime();
                long[] now = settings.rows.count();
                countNanos += System.nanoTime() - counting;
                if (response.statusCode() >= 400) {
                    rejected++;
                    if (!Rows.unchanged(rows, now)) {
                        failure(failures, "#" + i + " rejected write " + response.statusCode() + " changed rows " + rows[0] + "/" + rows[1]
                                + " -> " + now[0] + "/" + now[1] + " <- " + sent.describe());
                    }
                } else {
                    accepted++;
                    if (acceptedWrites.size() < 10) {
                        acceptedWrites.add("#" + i + " " + response.statusCode() + " " + sent.describe());
                    }
                }
                rows = now;
            } else if (write) {
                if (response.statusCode() >= 400) {
                    rejected++;
                } else {
                    accepted++;
                    if (acceptedWrites.size() < 10) {
                        acceptedWrites.add("#" + i + " " + response.statusCode() + " " + sent.describe());
                    }
                }
            }
        }
        if (settings.disableCreated) {
            for (String location : created) {
                send("DELETE", location, null, null, Map.of());
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Result result = new Result(settings.service, settings.seed, settings.requests, operations.size(), byStatus, byKind,
                rejected, accepted, millis, httpNanos / 1_000_000, countNanos / 1_000_000, failureCount, failures, acceptedWrites);
        LOG.info(result.summary());
        failures.forEach(f -> LOG.warn("FUZZ failure: " + f));
        Path report = Path.of("target", "reliability", "fuzz-" + settings.service + ".json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return result;
    }

    private int failureCount;

    private void failure(List<String> failures, String failure) {
        failureCount++;
        if (failures.size() < 30) {
            failures.add(failure.length() > 1200 ? failure.substring(0, 1200) + "…" : failure);
        }
    }

    // ---------------------------------------------------------------- the document

    private void readOperations() {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!settings.paths.test(path.getKey())) {
                continue;
            }
            List<Param> shared = params(path.getValue().path("parameters"));
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op == null || streams(op)) {
                    continue;
                }
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(op.path("parameters")));
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode example = null;
                JsonNode content = op.path("requestBody").path("content");
                if (content.size() > 0) {
                    bodyType = content.fieldNames().next();
                    JsonNode media = content.get(bodyType);
                    bodySchema = resolve(media.path("schema"));
                    if (media.has("example")) {
                        example = parseMaybe(media.get("example"));
                    } else if (media.path("examples").size() > 0) {
                        example = parseMaybe(media.path("examples").elements().next().path("value"));
                    }
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), params, bodyType, bodySchema, example));
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("no operations in the document of " + settings.service);
        }
    }

    /** Server-sent event streams never end; they are exercised elsewhere. */
    private boolean streams(JsonNode op) {
        for (JsonNode response : op.path("responses")) {
            if (response.path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parseMaybe(JsonNode example) {
        if (example.isTextual()) {
            try {
                return JSON.readTree(example.asText());
            } catch (IOException e) {
                return example;
            }
        }
        return example;
    }

    private List<Param> params(JsonNode list) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = resolve(p);
            params.add(new Param(param.path("name").asText(), param.path("in").asText(), resolve(param.path("schema")),
                    param.path("required").asBoolean(false)));
        }
        return params;
    }

    private JsonNode resolve(JsonNode node) {
        for (int i = 0; i < 10 && node.has("$ref"); i++) {
            String ref = node.get("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            node = target;
        }
        if (node.has("allOf") && node.get("allOf").size() > 0 && !node.has("properties")) {
            return resolve(node.get("allOf").get(0));
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (node.has(choice) && node.get(choice).size() > 0) {
                return resolve(node.get(choice).get(random.nextInt(node.get(choice).size())));
            }
        }
        return node;
    }

    // ---------------------------------------------------------------- records to aim at

    /** Creates a few records from the documented examples, so paths, If-Match and references point at something real. */
    private void seedRecords() throws Exception {
        for (Operation op : operations) {
            if (!op.method().equals("POST") || op.path().contains("{") || op.bodyExample() == null) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                JsonNode body = uniqueSlugs(op.bodyExample().deepCopy());
                HttpResponse<byte[]> response = send("POST", op.path(), op.bodyType(), JSON.writeValueAsBytes(body), Map.of());
                if (response.statusCode() == 201) {
                    String id = JSON.readTree(response.body()).path("id").asText(null);
                    if (id != null) {
                        settings.ids.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(id);
                        settings.references.add(id);
                        response.headers().firstValue("ETag").ifPresent(etag -> etags.put(id, etag));
                        response.headers().firstValue("Location").ifPresent(l -> created.add(URI.create(l).getRawPath()));
                    }
                }
            }
        }
    }

    private JsonNode uniqueSlugs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> slugs = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("slug") && field.getValue().isTextual()) {
                    slugs.add(field.getKey());
                } else {
                    uniqueSlugs(field.getValue());
                }
            }
            slugs.forEach(s -> object.put(s, slug()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::uniqueSlugs);
        }
        return node;
    }

    private String slug() {
        return "fuzz-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    // ---------------------------------------------------------------- generating a request

    private Sent generate(Operation op) throws IOException {
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
                case "path" -> pathValues.put(p.name(), encode(validParam(op, p)));
                case "query" -> {
                    if (random.nextInt(4) == 0) {
                        query.add(new String[] { p.name(), validParam(op, p) });
                    }
                }
                case "header" -> {
                    String value = validParam(op, p);
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
        JsonNode bodyNode = op.bodySchema() == null ? null : validBody(op);

        switch (kind) {
            case "parameter" -> {
                List<Param> candidates = op.params().stream().filter(p -> !p.in().equals("cookie")).toList();
                if (candidates.isEmpty() || random.nextInt(5) == 0) {
                    query.add(new String[] { pick("limit", "cursor", "lang", "status", "q", "zzz", "at", "id", "slug", ""), nastyText() });
                } else {
                    Param p = candidates.get(random.nextInt(candidates.size()));
                    String value = random.nextInt(3) == 0 ? nastyNumberText() : nastyText();
                    switch (p.in()) {
                        case "path" -> pathValues.put(p.name(), encode(value));
                        case "header" -> headers.put(p.name(), value);
                        default -> {
                            query.removeIf(q -> q[0].equals(p.name()));
                            query.add(new String[] { p.name(), value });
                            if (random.nextInt(4) == 0) {
                                query.add(new String[] { p.name(), validParam(op, p) });
                            }
                        }
                    }
                }
            }
            case "injection" -> {
                String attack = pick(INJECTIONS);
                int where = random.nextInt(4);
                List<Param> pathParams = op.params().stream().filter(p -> p.in().equals("path")).toList();
                List<Param> queryParams = op.params().stream().filter(p -> p.in().equals("query")).toList();
                if (where == 0 && !pathParams.isEmpty()) {
                    Param p = pathParams.get(random.nextInt(pathParams.size()));
                    pathValues.put(p.name(), random.nextBoolean() ? encode(attack) : rawTraversal());
                } else if (where == 1 && !queryParams.isEmpty()) {
                    Param p = queryParams.get(random.nextInt(queryParams.size()));
                    query.add(new String[] { p.name(), attack });
                } else if (where == 2 && bodyNode != null) {
                    bodyNode = mutateField(bodyNode, NODES.textNode(attack));
                } else {
                    headers.put(pick("X-Request-Id", "Accept-Language", "If-None-Match", "X-Forwarded-Prefix", "Origin", "X-Api-Key"),
                            headerSafe(attack));
                }
            }
            case "header" -> {
                String name = pick("Accept-Language", "Accept", "If-None-Match", "If-Match", "X-Request-Id", "Authorization", "Origin");
                String value = switch (name) {
                    case "Accept" -> pick("application/xml", "text/html", "*/*;q=bogus", "application/json;q=0", "", "image/png",
                            "text/event-stream", "application/problem+json");
                    case "Authorization" -> pick("Bearer", "Bearer " + settings.token + "x", "Basic YWRtaW46YWRtaW4=", "Bearer ....",
                            "Bearer " + "A".repeat(9000));
                    case "If-Match", "If-None-Match" -> pick("", "*", "\"1\"", "W/\"1\"", "1", "\"99999999999999999999\"", "\"-1\"",
                            "\"1-en\"", "\"abc\"", "\"1\", \"2\"", "\"" + "9".repeat(400) + "\"", "\"\"");
                    default -> headerSafe(nastyText());
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
                    case 4 -> target + "/" + encode(nastyText());
                    case 5 -> target.replace("/v1/", "/v1/%2e%2e/");
                    case 6 -> target + "%00";
                    default -> target.toUpperCase(Locale.ROOT);
                };
                String method = random.nextInt(4) == 0 ? pick("PUT", "PATCH", "DELETE", "POST", "OPTIONS", "HEAD", "TRACE", "FOO") : op.method();
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
                    bodyNode = mutateField(bodyNode, nastyNode(raw));
                    body = JSON.writeValueAsString(bodyNode).replace("\"" + RAW + "\"", raw[0] == null ? "null" : raw[0])
                            .getBytes(StandardCharsets.UTF_8);
                }
                case "body-structure" -> body = structural(bodyNode);
                case "content-type" -> {
                    body = random.nextBoolean() ? JSON.writeValueAsBytes(bodyNode) : "name=x&slug=y".getBytes(StandardCharsets.UTF_8);
                    contentType = pick("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
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

    private String etagFor(Map<String, String> pathValues) {
        for (String value : pathValues.values()) {
            String etag = etags.get(value);
            if (etag != null) {
                return random.nextInt(5) == 0 ? "\"" + (1 + random.nextInt(3)) + "\"" : etag;
            }
        }
        return random.nextBoolean() ? "\"1\"" : null;
    }

    private String validParam(Operation op, Param p) {
        JsonNode schema = p.schema();
        if (p.in().equals("path")) {
            if ("uuid".equals(schema.path("format").asText()) || p.name().equals("id")) {
                List<String> ids = settings.ids.get(op.collection());
                if (ids != null && !ids.isEmpty() && random.nextInt(10) != 0) {
                    return ids.get(random.nextInt(ids.size()));
                }
                return UUID.randomUUID().toString();
            }
            if (schema.path("type").asText().equals("integer")) {
                return String.valueOf(1 + random.nextInt(3));
            }
        }
        if (p.in().equals("header")) {
            return null;
        }
        JsonNode value = validValue(schema, p.name(), 0);
        return value.isTextual() ? value.asText() : value.toString();
    }

    private JsonNode validBody(Operation op) {
        if (op.bodyExample() != null && random.nextBoolean()) {
            return uniqueSlugs(op.bodyExample().deepCopy());
        }
        if (op.method().equals("PATCH") && random.nextBoolean()) {
            ObjectNode patch = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> props = op.bodySchema().path("properties").fields();
            while (props.hasNext()) {
                Map.Entry<String, JsonNode> prop = props.next();
                if (random.nextInt(3) == 0) {
                    patch.set(prop.getKey(), validValue(resolve(prop.getValue()), prop.getKey(), 1));
                }
            }
            return patch;
        }
        return validValue(op.bodySchema(), "body", 0);
    }

    private JsonNode validValue(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        if (schema.has("example") && random.nextInt(3) > 0 && !name.equals("slug")) {
            return uniqueSlugs(parseMaybe(schema.get("example")).deepCopy());
        }
        String type = schema.path("type").asText("");
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 5) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> prop = props.next();
                    if (resolve(prop.getValue()).path("readOnly").asBoolean(false)) {
                        continue;
                    }
                    if (required.contains(prop.getKey()) || random.nextInt(3) > 0) {
                        object.set(prop.getKey(), validValue(prop.getValue(), prop.getKey(), depth + 1));
                    }
                }
                if (schema.path("additionalProperties").isObject() && !schema.has("properties")) {
                    object.set("ko", validValue(schema.get("additionalProperties"), "ko", depth + 1));
                    if (random.nextBoolean()) {
                        object.set("en", validValue(schema.get("additionalProperties"), "en", depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = depth > 4 ? 0 : 1 + random.nextInt(2);
                for (int i = 0; i < n; i++) {
                    array.add(validValue(schema.path("items"), name, depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(min, 50);
                return NODES.numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                if (format.equals("uuid") || name.endsWith("Id") || name.equals("id")) {
                    if (!settings.references.isEmpty() && random.nextInt(5) > 0) {
                        return NODES.textNode(settings.references.get(random.nextInt(settings.references.size())));
                    }
                    return NODES.textNode(UUID.randomUUID().toString());
                }
                if (name.equals("slug")) {
                    return NODES.textNode(slug());
                }
                if (format.equals("date-time")) {
                    return NODES.textNode("2023-10-" + (10 + random.nextInt(10)) + "T1" + random.nextInt(10) + ":00:00+09:00");
                }
                if (format.equals("date")) {
                    return NODES.textNode("2023-10-" + (10 + random.nextInt(10)));
                }
                if (format.equals("uri") || format.equals("url") || name.toLowerCase(Locale.ROOT).contains("url")) {
                    return NODES.textNode("https://www.gwangju.go.kr/fuzz/" + random.nextInt(1000));
                }
                return NODES.textNode(pick("광주광역시", "경기도", "Gwangju", "상생발전 합의문", "시민 " + random.nextInt(100)));
            }
        }
    }

    // ---------------------------------------------------------------- bad values

    private static final String RAW = "__fuzz-raw-token__";

    static final String[] STRINGS = {
            "", " ", "\t\n", "\u0000", "a\u0000b", "x".repeat(10_000), "가".repeat(501), "가".repeat(500),
            // 한글 written with combining jamo (NFD), Hangul filler, a lone jamo
            "\u1112\u1161\u11ab\u1100\u1173\u11af", "\u1100\u1161", "\u3164", "\u11a8",
            "👩🏽‍⚖️", "👨‍👩‍👧‍👦🏛️", "\uD83C\uDDF0\uD83C\uDDF7",
            "\u202Egnp.exe", "\u200F광주\u200E", "\u200B", "\uFEFFgwangju", "\u0007\u001b[31m", "\u00A0",
            "Ǆ̷̡̧̛̛̖̗̘̙̜̝̞̟̠ͅ", "ﷺ", "𝕲𝖜𝖆𝖓𝖌𝖏𝖚", "null", "NaN", "-0", "1e309", "true", "[]", "{}",
            "2019-02-30", "0000", "99999-12-31", "2019-13", "2019-1-1", "-2019-01-01", "2023-10-12T25:61:00Z", "2023-10-12T11:00",
            "+275760-09-13T00:00:00Z", "1970-01-01T00:00:00Z", "2023-10-12T11:00:00+25:00",
            "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b",
            "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7", "not-a-uuid", "Asia/Seoul", "Mars/Olympus_Mons", "UTC+99",
            "ko", "x-klingon", "en-US-u-ca-buddhist", "zz", "*", "KO",
            "gwangju", "GWANGJU", "gwang ju", "-", "--", "a".repeat(201), "1", "-1", "0", "201", "2147483648", "9223372036854775808",
            "https://", "ftp://x", "http://127.0.0.1:22/", "file:///etc/passwd", "data:text/html,<b>", "//evil.example/",
    };

    static final String[] INJECTIONS = {
            "' OR '1'='1", "'; DROP TABLE person; --", "\"; DROP TABLE agreement; --", "1; select pg_sleep(5)--",
            "x' UNION SELECT null, current_user, version() --", "%' OR 1=1 --", "\\'; truncate outbox_event; --",
            "$$; delete from record_history; $$", "a') or ('a'='a", "{\"$ne\": null}",
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
            "/q/health", "%00", "a\r\nSet-Cookie: injected=1", "a\r\nX-Injected: 1", "%0d%0aX-Injected:%201", "\r\n\r\n<html>",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1:1389/a}", "#{7*7}", "{{7*7}}",
            "%s%s%s%n", "javascript:alert(1)", "@evil.example", "http://evil.example/", "\\u0000", "\u0000' --",
    };

    private String nastyText() {
        String s = random.nextInt(4) == 0 ? pick(INJECTIONS) : pick(STRINGS);
        if (random.nextInt(10) == 0) {
            s = s + pick(STRINGS);
        }
        return s;
    }

    private String nastyNumberText() {
        return pick("0", "-1", "1.5", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                "1e308", "-1e308", "1e-320", "NaN", "Infinity", "0x10", "+1", "00012", "1_000", "٣", "１２");
    }

    /** A bad value for a body field; when it cannot be a JSON node (malformed on purpose), {@code raw[0]} holds its text. */
    private JsonNode nastyNode(String[] raw) {
        switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> {
                return NODES.textNode(nastyText());
            }
            case 4 -> {
                return switch (random.nextInt(12)) {
                    case 0 -> NODES.numberNode(0);
                    case 1 -> NODES.numberNode(-1);
                    case 2 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
                    case 3 -> NODES.numberNode(Long.MAX_VALUE);
                    case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
                    case 5 -> NODES.numberNode(1e308);
                    case 6 -> NODES.numberNode(-1e308);
                    case 7 -> NODES.numberNode(0.5);
                    case 8 -> NODES.numberNode(Integer.MIN_VALUE);
                    case 9 -> NODES.numberNode(new java.math.BigDecimal("1e-400"));
                    case 10 -> NODES.numberNode(201);
                    default -> NODES.numberNode(1);
                };
            }
            case 5 -> {
                return random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
            }
            case 6 -> {
                return switch (random.nextInt(6)) {
                    case 0 -> NODES.objectNode();
                    case 1 -> NODES.arrayNode();
                    case 2 -> NODES.arrayNode().addNull();
                    case 3 -> NODES.objectNode().put("$ne", (String) null);
                    case 4 -> NODES.objectNode().set("ko", NODES.objectNode());
                    default -> {
                        ArrayNode many = NODES.arrayNode();
                        for (int i = 0; i < 2000; i++) {
                            many.add(i);
                        }
                        yield many;
                    }
                };
            }
            case 7 -> {
                ObjectNode lang = NODES.objectNode();
                lang.put(pick("ko", "", "Korean!", "ko-KR", "x".repeat(100), "\u0000", "en\r\n", "zh-Hant-TW", "i-default", "ko\u200B"),
                        nastyText());
                return lang;
            }
            default -> {
                raw[0] = pick("1e100000", "-0", "NaN", "Infinity", "-Infinity", "\"\\ud800\"", "\"\\udfff\\ud800\"", "00012", "0x10", ".5",
                        "+1", "'single'", "undefined", "\"\\u0000\"", "tru", "\"unterminated", "[1,]", "{\"a\" 1}", "1.", "--1",
                        "\"\\x41\"", "\"" + "\\ud83d\\ude00".repeat(100) + "\"");
                return NODES.textNode(RAW);
            }
        }
    }

    private JsonNode mutateField(JsonNode body, JsonNode value) {
        List<JsonNode[]> slots = new ArrayList<>();
        collect(body, slots);
        if (slots.isEmpty() || !(body instanceof ObjectNode)) {
            return value;
        }
        JsonNode[] slot = slots.get(random.nextInt(slots.size()));
        if (slot[0] instanceof ObjectNode parent) {
            String field = slot[1].asText();
            switch (random.nextInt(8)) {
                case 0 -> parent.remove(field);
                case 1 -> parent.set(pick("zzz", "id", "version", "createdAt", "status", "__proto__", "constructor"), value);
                default -> parent.set(field, value);
            }
        } else if (slot[0] instanceof ArrayNode parent) {
            parent.set(slot[1].asInt(), value);
        }
        return body;
    }

    private static void collect(JsonNode node, List<JsonNode[]> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                slots.add(new JsonNode[] { object, NODES.textNode(field.getKey()) });
                collect(field.getValue(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new JsonNode[] { array, NODES.numberNode(i) });
                collect(array.get(i), slots);
            }
        }
    }

    private byte[] structural(JsonNode body) throws IOException {
        String text = JSON.writeValueAsString(body);
        String out = switch (random.nextInt(18)) {
            case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length())));
            case 1 -> text + pick("}", ",", "garbage", "{}", "\u0000", " //");
            case 2 -> duplicateKey(body, text);
            case 3 -> "[".repeat(5000) + "]".repeat(5000);
            case 4 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 5 -> "";
            case 6 -> pick("null", "[]", "\"text\"", "42", "true", "[" + text + "]");
            case 7 -> "\uFEFF" + text;
            case 8 -> text.replaceFirst("\\{", "{/* comment */");
            case 9 -> text.replaceFirst("}$", ",}");
            case 10 -> text.replace('"', '\'');
            case 11 -> {
                StringBuilder many = new StringBuilder("{");
                for (int i = 0; i < 5000; i++) {
                    many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
                }
                yield many.append("}").toString();
            }
            case 12 -> "{\"name\": {\"ko\": \"" + "가".repeat(random.nextInt(3) == 0 ? 100_000 : 2_000) + "\"}}";
            case 13 -> text.replace("\"", "\"\\u0000");
            case 14 -> duplicateKey(body, duplicateKey(body, text));
            case 15 -> text + text;
            case 16 -> null;
            default -> null;
        };
        if (out != null) {
            return out.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextBoolean()) {
            return text.getBytes(StandardCharsets.UTF_16);
        }
        // a byte sequence that is not UTF-8, in the middle of the body
        byte[] broken = new byte[bytes.length + 2];
        int at = Math.max(1, bytes.length / 2);
        System.arraycopy(bytes, 0, broken, 0, at);
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(bytes, at, broken, at + 2, bytes.length - at);
        return broken;
    }

    private String duplicateKey(JsonNode body, String text) {
        if (!(body instanceof ObjectNode object) || object.size() == 0 || !text.startsWith("{")) {
            return "{\"a\": 1, \"a\": 2}";
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        String value = random.nextBoolean() ? object.get(name).toString() : "\"dup\"";
        return "{\"" + name + "\": " + value + (text.length() > 2 ? ", " : "") + text.substring(1);
    }

    // ---------------------------------------------------------------- sending and checking

    private HttpResponse<byte[]> send(String method, String target, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.base.toString().replaceAll("/$", "") + target))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        if (!headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + settings.token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (settings.rateLimitKeyHeader != null) {
            if (++sentWithKey % 10 == 0) {
                rateKey = UUID.randomUUID().toString();
            }
            // an injected key value still gets a fresh suffix, so the limit of 30 per key is not what answers
            request.setHeader(settings.rateLimitKeyHeader, headers.getOrDefault(settings.rateLimitKeyHeader, "fuzz") + "-" + rateKey);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String check(Sent sent, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 500) {
            return "status " + status + ": " + abbreviate(body);
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("set-cookie") || name.equals("x-injected")) {
                return "injected header " + header;
            }
            for (String value : header.getValue()) {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    return "header " + name + " carries an injected line: " + abbreviate(value);
                }
            }
        }
        String location = response.headers().firstValue("Location").orElse(null);
        if (location != null) {
            URI uri = URI.create(location);
            if (!(uri.getPort() == settings.base.getPort() && "localhost".equals(uri.getHost())) || !uri.getPath().startsWith("/api/")) {
                return "Location points outside the service: " + location;
            }
        }
        if (status >= 400) {
            if (sent.method().equals("HEAD") || status == 414 || status == 431) {
                // HEAD has no body; 414 and 431 come from the HTTP decoder (request line over 4 KiB, headers over 8 KiB)
                // before any route runs, so they cannot be problem+json
                return null;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "status " + status + " answered as '" + type + "': " + abbreviate(body);
            }
            JsonNode problem;
            try {
                problem = JSON.readTree(body);
            } catch (IOException e) {
                return "status " + status + " with a problem that is not JSON: " + abbreviate(body);
            }
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual() || !problem.path("detail").isTextual()
                    || problem.path("status").asInt() != status) {
                return "incomplete problem for " + status + ": " + abbreviate(body);
            }
            String detail = problem.path("detail").asText();
            if (detail.contains("Exception") || detail.contains("\tat ") || detail.contains("org.hibernate") || detail.contains("SQL")) {
                return "problem detail leaks internals: " + abbreviate(detail);
            }
        }
        if (!sent.method().equals("HEAD")) {
            // the answer, whatever was asked, is one the operation's document promises (status, headers, body)
            String base = settings.base.toString().replaceAll("/$", "");
            List<String> broken = Contract.checkResponse(base, settings.contractDocument, settings.contractExempt, sent.method(),
                    URI.create(base + sent.target()).getRawPath(), status, response.headers().map(), body);
            if (!broken.isEmpty()) {
                return "answer " + status + " breaks the OpenAPI document: " + abbreviate(String.join("; ", broken)) + " in "
                        + response.headers().map() + " " + abbreviate(body);
            }
        }
        return null;
    }

    private void remember(Operation op, Sent sent, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300 && !sent.target().contains("lang=")) {
            try {
                JsonNode node = JSON.readTree(response.body());
                String id = node.path("id").asText(null);
                String etag = response.headers().firstValue("ETag").orElse(null);
                if (id != null && etag != null && !etag.contains("-")) {
                    etags.put(id, etag);
                }
                if (status == 201 && id != null) {
                    settings.ids.computeIfAbsent(op.collection(), k -> new ArrayList<>()).add(id);
                    response.headers().firstValue("Location").ifPresent(l -> created.add(URI.create(l).getRawPath()));
                }
            } catch (IOException | RuntimeException ignored) {
                // not a JSON record
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private String rawTraversal() {
        return pick("..", "../..", "..%2F..%2Fq%2Fhealth", "%2e%2e", ".", "%2F", "a%2Fb", "..;", "%252e%252e%252f");
    }

    private static String buildPath(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
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

    /** Header values travel as Latin-1 without line breaks; the rest is what the attack is made of. */
    private static String headerSafe(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.length() > 4000 ? out.substring(0, 4000) : out.toString();
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
