package org.civicregistry.gateway.stream;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicregistry.commons.kafka.StreamPositions;
import org.civicregistry.commons.kafka.Backoff;
import org.civicregistry.commons.kafka.ChangeEvents;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.Problems;
import org.civicregistry.gateway.routing.RateLimits;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/stream}: Server-Sent Events of the change streams for clients that cannot
 * speak Kafka. One {@link TopicFeed} per topic serves every client of this instance; a client that
 * sends {@code Last-Event-ID} is first replayed what it missed by one of the replay consumers. Where the
 * topic no longer keeps part of that (its earliest offset is past the client's position), or the
 * replay does not reach the end in {@code replay-deadline}, the client gets a {@link Gap} event
 * first, then what is still there. Records that are not CloudEvents are skipped and counted, live
 * and in a replay ({@code civic.gateway.stream.undecodable}).
 * <p>
 * Nothing a client does makes the gateway hold resources without bound: streams are capped per
 * client (its {@code X-Api-Key}, else its address: 429) and in all (503); a client that stops reading
 * is cut off once its unsent bytes pass {@code max-unsent-bytes} ({@link Subscriber}); a
 * {@code Last-Event-ID} may only name the topics the request follows (400), and replays run on a
 * fixed pool of threads, each reusing one Kafka consumer, at most {@code max-replays} at once (503
 * beyond) and {@code replay-max-events} records each (then a gap). Set-up waits for Kafka at most
 * {@code setup-timeout}; if Kafka does not answer by then the client gets a 503 problem with
 * Retry-After (nothing was sent yet, so it can simply retry), not a stream that may never start.
 */
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);
    public static final String PATH = "/api/v1/stream";

    private final GatewayConfig.Stream config;
    private final GatewayConfig gateway;
    private final Map<String, Object> kafkaConfig;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final Map<String, TopicFeed> feeds = new HashMap<>();
    /** Every open stream; the metrics read it. */
    private final Set<Subscriber> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
    private final Semaphore replaySlots;
    private final ExecutorService replays;
    private final Replayer replayer;
    private Counter overflows;
    private Admin admin;

    public StreamHub(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Vertx vertx,
            MeterRegistry registry) {
        this.config = config.stream();
        this.gateway = config;
        this.kafkaConfig = kafkaConfig;
        this.vertx = vertx;
        this.registry = registry;
        this.replaySlots = new Semaphore(this.config.maxReplays());
        AtomicInteger replayThreads = new AtomicInteger();
        this.replays = Executors.newFixedThreadPool(this.config.maxReplays(), r -> {
            Thread t = new Thread(r, "stream-replay-" + replayThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.replayer = new Replayer(config, this::backoff, this::consumer, this::earliestOffsets, this::undecodable);
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(connection(Map.of()));
        for (String topic : config.topics()) {
            TopicFeed feed = new TopicFeed(topic, this::consumer, new Freshness(config.rememberedSubjects()), backoff(),
                    undecodable(topic));
            feeds.put(topic, feed);
            feed.start();
        }
        overflows = Counter.builder("civic.gateway.stream.overflows")
                .description("Stream clients cut off because they did not take what was written to them").register(registry);
        Gauge.builder("civic.gateway.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Streams open on this instance").register(registry);
        Gauge.builder("civic.gateway.stream.unsent.bytes", open, o -> o.stream().mapToLong(Subscriber::unsentBytes).sum())
                .description("Bytes written to stream clients that their connections have not taken yet").baseUnit("bytes")
                .register(registry);
    }

    void stop(@Observes ShutdownEvent event) {
        feeds.values().forEach(TopicFeed::stop);
        replays.shutdownNow();
        try {
            replays.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replayer.close();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    void install(@Observes Router router) {
        router.get(PATH).order(5).handler(this::subscribe);
    }

    private void subscribe(RoutingContext ctx) {
        Set<String> requested = split(ctx.request().getParam("topics"));
        Set<String> subscribed = requested.isEmpty() ? new LinkedHashSet<>(config.topics()) : requested;
        for (String topic : subscribed) {
            if (!feeds.containsKey(topic)) {
                badRequest(ctx, "Unknown topic '" + topic + "'; the streams are " + config.topics() + ".");
                return;
            }
        }
        Map<TopicPartition, Long> resume = null;
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = ctx.request().getParam("lastEventId");
        }
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                resume = StreamPositions.decode(lastEventId);
            } catch (IllegalArgumentException e) {
                badRequest(ctx, "Last-Event-ID is not a position this stream issued.");
                return;
            }
        }
        if (resume != null) {
            Set<String> foreign = resume.keySet().stream().map(TopicPartition::topic).filter(t -> !subscribed.contains(t))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            if (!foreign.isEmpty()) {
                // An id this stream issued names only the topics it was asked for; any other is forged
                // (or from another stream) and would make the replay read topics the client did not ask for.
                badRequest(ctx, "Last-Event-ID names topics this request does not follow: " + foreign
                        + "; resume with the same topics as the stream that issued it.");
                return;
            }
        }
        Predicate<StreamEvent> filter = filter(split(ctx.request().getParam("types")), ctx.request().getParam("subject"));
        String client = client(ctx);
        if (!admit(ctx, client)) {
            return;
        }
        boolean replaying = resume != null;
        if (replaying && !replaySlots.tryAcquire()) {
            release(client);
            refuse(ctx, ProblemType.UNAVAILABLE, "Too many clients are resuming at once; retry with the same Last-Event-ID.");
            return;
        }
        ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // Nothing is written until the subscriber knows its start positions (goLive or the first replayed event):
        // the headers reach the client with the first write, so EventSource fires "open" only once every change
        // committed from then on is sure to be delivered.
        Subscriber subscriber = new Subscriber(vertx.getOrCreateContext(), ctx.response(), subscribed, filter, config.maxQueued(),
                config.maxUnsentBytes().asLongValue(), overflows);
        open.add(subscriber);
        subscribed.forEach(t -> feeds.get(t).add(subscriber));
        long heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), id -> subscriber.heartbeat());
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                vertx.cancelTimer(heartbeat);
                feeds.values().forEach(f -> f.remove(subscriber));
                open.remove(subscriber);
                release(client);
            }
        };
        ctx.response().closeHandler(v -> {
            subscriber.closedByClient();
            end.run();
        });
        ctx.response().endHandler(v -> end.run());
        Map<TopicPartition, Long> from = resume;
        java.util.concurrent.Callable<Void> setUp = () -> {
            Map<TopicPartition, Long> ends = endOffsets(subscribed);
            if (replaying) {
                replayer.replay(subscriber, from, ends);
            }
            subscriber.goLive(ends);
            return null;
        };
        io.vertx.core.Future<Void> ready;
        if (replaying) {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            io.vertx.core.Context context = vertx.getOrCreateContext();
            replays.execute(() -> {
                try {
                    setUp.call();
                    context.runOnContext(v -> done.complete());
                } catch (Exception e) {
                    context.runOnContext(v -> done.fail(e));
                } finally {
                    replaySlots.release();
                }
            });
            ready = done.future();
        } else {
            ready = vertx.executeBlocking(setUp, false);
        }
        ready.onFailure(e -> {
            end.run();
            subscriber.closedByClient();
            if (!ctx.response().headWritten() && !ctx.response().closed()) {
                LOG.warnf("Stream set-up failed, answered 503: %s", e.toString());
                ctx.response().headers().remove(HttpHeaders.CACHE_CONTROL).remove("X-Accel-Buffering");
                refuse(ctx, ProblemType.UNAVAILABLE, "The change streams cannot be reached just now; retry shortly.");
            } else {
                LOG.warnf("Stream subscription failed: %s", e.toString());
                subscriber.close();
            }
        });
    }

    /**
     * The client a stream counts against, as the rate limit saw it (its validated API key, else its
     * address behind trusted proxies); without the rate limit, its key or the connection's peer.
     */
    private static String client(RoutingContext ctx) {
        String known = ctx.get(RateLimits.CLIENT);
        if (known != null) {
            return known;
        }
        String key = ctx.request().getHeader("X-Api-Key");
        return key != null && !key.isBlank() ? "key:" + key : "ip:" + ctx.request().remoteAddress().hostAddress();
    }

    /** Counts the stream against both caps, or answers 503 (all streams) or 429 (this client's) and counts nothing. */
    private boolean admit(RoutingContext ctx, String client) {
        if (subscribers.incrementAndGet() > config.maxSubscribers()) {
            subscribers.decrementAndGet();
            refuse(ctx, ProblemType.UNAVAILABLE, "This gateway serves as many streams as it can (" + config.maxSubscribers()
                    + "); retry shortly.");
            return false;
        }
        boolean[] admitted = { false };
        perClient.compute(client, (k, count) -> {
            int now = count == null ? 0 : count;
            if (now >= config.maxSubscribersPerClient()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            subscribers.decrementAndGet();
            refuse(ctx, ProblemType.TOO_MANY_REQUESTS, "This client has " + config.maxSubscribersPerClient()
                    + " streams open, as many as allowed; one stream can follow several topics (topics=a,b).");
        }
        return admitted[0];
    }

    private void release(String client) {
        subscribers.decrementAndGet();
        perClient.computeIfPresent(client, (k, count) -> count <= 1 ? null : count - 1);
    }

    private void refuse(RoutingContext ctx, ProblemType type, String detail) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, config.retryAfter().toSeconds())));
        Problems.respond(ctx, type, detail);
    }

    private Map<TopicPartition, Long> earliestOffsets(List<TopicPartition> partitions) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.earliest()));
        Map<TopicPartition, Long> earliest = new HashMap<>();
        listOffsets(request).forEach((tp, offset) -> earliest.put(tp, offset));
        return earliest;
    }

    /** A reader's own: each loop doubles and resets its waits by itself. */
    private Backoff backoff() {
        GatewayConfig.KafkaRetry retry = gateway.kafkaRetry();
        return new Backoff(retry.initialBackoff(), retry.maxBackoff());
    }

    private Counter undecodable(String topic) {
        return Counter.builder("civic.gateway.stream.undecodable").description("Records on a topic that are not CloudEvents, skipped")
                .tag("topic", topic).register(registry);
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : topics) {
            feeds.get(topic).partitions().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (request.isEmpty()) {
            return ends;
        }
        listOffsets(request).forEach((tp, offset) -> ends.put(tp, offset));
        return ends;
    }

    /** Bounded by setup-timeout: while Kafka is down the client must hear so, not wait for Kafka's own minute-long timeout. */
    private Map<TopicPartition, Long> listOffsets(Map<TopicPartition, OffsetSpec> request)
            throws InterruptedException, ExecutionException {
        int timeout = (int) config.setupTimeout().toMillis();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try {
            admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(timeout)).all().get(timeout, TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
        } catch (TimeoutException e) {
            throw new ExecutionException("Kafka did not give the offsets within " + config.setupTimeout(), e);
        }
        return offsets;
    }

    private static Predicate<StreamEvent> filter(Set<String> types, String subject) {
        Predicate<StreamEvent> byType = types.isEmpty() ? e -> true : e -> types.stream()
                .anyMatch(t -> t.endsWith("*") ? e.type().startsWith(t.substring(0, t.length() - 1)) : t.equals(e.type()));
        return subject == null || subject.isBlank() ? byType : byType.and(e -> subject.strip().equals(e.subject()));
    }

    private static Set<String> split(String value) {
        Set<String> parts = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(parts::add);
        }
        return parts;
    }

    private static void badRequest(RoutingContext ctx, String detail) {
        Problems.respond(ctx, ProblemType.BAD_PARAMETER, detail);
    }

    /**
     * Values as raw bytes, decoded record by record ({@link ChangeEvents#envelope}). A position that is no
     * longer kept falls back to the earliest one kept: at most what retention removed is missed,
     * never everything up to the end.
     */
    private Consumer<String, byte[]> consumer() {
        // Committed records only: the outbox relays publish in transactions, and an aborted batch of a
        // fenced relay must never reach a client.
        return new KafkaConsumer<>(connection(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> connection(Map<String, Object> extra) {
        return KafkaClients.settings(kafkaConfig, extra);
    }
}
