package org.civicregistry.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.civicregistry.testsupport.fuzz.Operations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;

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
 *
 * <p>This class runs the loop and keeps the tally; {@link Operations} reads the document,
 * {@link RequestGenerator} (with {@link ValidValues} and {@link BadValues}) decides what to send,
 * {@link Sender} sends it, {@link AnswerCheck} judges the answer and {@link KnownRecords} keeps the
 * records the requests aim at.
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "/q/openapi?format=json";

    private final Settings settings;
    private final SeededRandom random;
    private final List<String> failures = new ArrayList<>();
    private int failureCount;

    public ApiFuzzer(Settings settings) {
        this.settings = settings;
        this.random = new SeededRandom(settings.seed);
    }

    public Result run() throws Exception {
        LOG.info("FUZZ " + settings.service + ": seed " + settings.seed + " (repeat with -Dcivic.fuzz.seed=" + settings.seed + ")");
        long start = System.nanoTime();
        // one sender for everything, the document and the seeded records too: it rotates the rate-limit key by count
        Sender sender = new Sender(settings);
        // built in this order because each draws from the seeded random while it is made
        Operations operations = new Operations(JSON.readTree(sender.send("GET", DOCUMENT, null, null, Map.of()).body()), settings, random);
        ValidValues values = new ValidValues(settings, operations, random);
        KnownRecords records = new KnownRecords(settings);
        records.seed(operations, sender, values);
        RequestGenerator generator = new RequestGenerator(settings, random, values, new BadValues(random), records);
        AnswerCheck check = new AnswerCheck(settings);
        List<Operation> all = operations.all();
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        int rejected = 0;
        int accepted = 0;
        // what was accepted, for runs that must accept no write at all (an editor of another jurisdiction)
        List<String> acceptedWrites = new ArrayList<>();
        long[] rows = settings.rows == null ? null : settings.rows.count();
        long httpNanos = 0;
        long countNanos = 0;
        for (int i = 0; i < settings.requests; i++) {
            Operation op = all.get(random.nextInt(all.size()));
            Sent sent;
            try {
                sent = generator.generate(op);
            } catch (RuntimeException e) {
                throw new IllegalStateException("generator failed for " + op.method() + " " + op.path(), e);
            }
            HttpResponse<byte[]> response;
            long sending = System.nanoTime();
            try {
                try {
                    response = sender.send(sent.method(), sent.target(), sent.contentType(), sent.body(), sent.headers());
                } catch (IOException e) {
                    // the server closed the kept-alive connection after the previous answer (a 413 or 414 does): once more, on a new one
                    byKind.merge("resent-on-new-connection", 1, Integer::sum);
                    response = sender.send(sent.method(), sent.target(), sent.contentType(), sent.body(), sent.headers());
                }
            } catch (IllegalArgumentException e) {
                // java.net.http refuses to send this header or URI at all: another request is generated in its place
                byKind.merge("refused-by-client", 1, Integer::sum);
                i--;
                continue;
            } catch (IOException e) {
                failure("#" + i + " no answer (" + e + ") to " + sent.describe());
                continue;
            }
            httpNanos += System.nanoTime() - sending;
            byStatus.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
            byKind.merge(sent.kind(), 1, Integer::sum);
            String problem = check.problem(sent, response);
            if (problem != null) {
                // the request first: the answer's part can be long and the failure is cut at 1,200 characters
                failure("#" + i + " " + sent.describe() + " -> " + problem);
            }
            records.remember(op, sent, response);
            // What was sent counts, not the operation it was made from: a path mutation may send a HEAD.
            if (Set.of("GET", "HEAD", "OPTIONS").contains(sent.method())) {
                continue;
            }
            if (response.statusCode() >= 400) {
                rejected++;
            } else {
                accepted++;
                if (acceptedWrites.size() < 10) {
                    acceptedWrites.add("#" + i + " " + response.statusCode() + " " + sent.describe());
                }
            }
            if (rows != null) {
                long counting = System.nanoTime();
                long[] now = settings.rows.count();
                countNanos += System.nanoTime() - counting;
                if (response.statusCode() >= 400 && !Rows.unchanged(rows, now)) {
                    failure("#" + i + " rejected write " + response.statusCode() + " changed rows " + rows[0] + "/" + rows[1]
                            + " -> " + now[0] + "/" + now[1] + " <- " + sent.describe());
                }
                rows = now;
            }
        }
        if (settings.disableCreated) {
            for (String location : records.created()) {
                sender.send("DELETE", location, null, null, Map.of());
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        Result result = new Result(settings.service, settings.seed, settings.requests, all.size(), byStatus, byKind,
                rejected, accepted, millis, httpNanos / 1_000_000, countNanos / 1_000_000, failureCount, failures, acceptedWrites);
        LOG.info(result.summary());
        failures.forEach(f -> LOG.warn("FUZZ failure: " + f));
        Path report = Path.of("target", "reliability", "fuzz-" + settings.service + ".json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return result;
    }

    /** Counts every failure but keeps only the first 30, each cut to 1,200 characters, so the report stays readable. */
    private void failure(String failure) {
        failureCount++;
        if (failures.size() < 30) {
            failures.add(failure.length() > 1200 ? failure.substring(0, 1200) + "…" : failure);
        }
    }
}
