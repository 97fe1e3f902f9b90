package org.civicregistry.gateway.stream;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicregistry.commons.kafka.ChangeEvents;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.Backoff;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.Problems;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
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
 * sends {@code Last-Event-ID} is first replayed what it missed by a consumer of its own. Where the
 * topic no longer keeps part of that (its earliest offset is past the client's position), or the
 * replay does not reach the end in {@code replay-deadline}, the client gets a {@link Gap} event
 * first, then what is still there. Records that are not CloudEvents are skipped and counted, live
 * and in a replay ({@code civic.gateway.stream.undecodable}).
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
    private final Backoff backoff;
    private final Map<String, TopicFeed> feeds = new HashMap<>();
    private Admin admin;

    public StreamHub(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Vertx vertx,
            MeterRegistry registry) {
        this.config = config.stream();
        this.gateway = config;
        this.kafkaConfig = kafkaConfig;
        this.vertx = vertx;
        this.registry = registry;
        this.backoff = Backoff.of(config.kafkaRetry());
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(connection(Map.of()));
        for (String topic : config.topics()) {
            TopicFeed feed = new TopicFeed(topic, this::consumer, new Freshness(config.rememberedSubjects()), backoff,
                    undecodable(topic));
            feeds.put(topic, feed);
            Thread thread = new Thread(feed, "stream-" + topic);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        feeds.values().forEach(TopicFeed::stop);
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    void install(@Observes Router router) {
        router.get(PATH).order(5).handler(this::subscribe);
    }

    private void subscribe(RoutingContext ctx) {
        Set<String> topics = split(ctx.request().getParam("topics"));
        if (topics.isEmpty()) {
            topics = new LinkedHashSet<>(config.topics());
        }
        for (String topic : topics) {
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
                resume = Positions.decode(lastEventId);
            } catch (IllegalArgumentException e) {
                badRequest(ctx, "Last-Event-ID is not a position this stream issued.");
                return;
            }
        }
        Predicate<StreamEvent> filter = filter(split(ctx.request().getParam("types")), ctx.request().getParam("subject"));
        ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // Nothing is written until the subscriber knows its start positions (goLive or the first replayed event):
        // the headers reach the client with the first write, so EventSource fires "open" only once every change
        // committed from then on is sure to be delivered.
        Subscriber subscriber = new Subscriber(vertx.getOrCreateContext(), ctx.response(), topics, filter, config.maxQueued());
        topics.forEach(t -> feeds.get(t).add(subscriber));
        long heartbeat = vertx.setPeriodic(config.heartbeat().toMillis(), id -> subscriber.heartbeat());
        ctx.response().closeHandler(v -> {
            vertx.cancelTimer(heartbeat);
            subscriber.closedByClient();
            feeds.values().forEach(f -> f.remove(subscriber));
        });
        Map<TopicPartition, Long> from = resume;
        Set<String> subscribed = topics;
        vertx.executeBlocking(() -> {
            Map<TopicPartition, Long> ends = endOffsets(subscribed);
            if (from != null) {
                replay(subscriber, from, ends);
            }
            subscriber.goLive(ends);
            return null;
        }, false).onFailure(e -> {
            LOG.warnf("Stream subscription failed: %s", e.getMessage());
            subscriber.close();
        });
    }

    /**
     * Reads what the client missed, from its positions up to the end offsets taken when it came back.
     * A position the topic no longer keeps is announced as a gap and the replay starts at the earliest
     * offset kept; so is what the replay has not reached by its deadline.
     */
    private void replay(Subscriber subscriber, Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException {
        subscriber.startAt(from);
        List<TopicPartition> partitions = ends.keySet().stream().toList();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> earliest = earliestOffsets(partitions);
        Map<TopicPartition, Long> reached = new HashMap<>();
        Map<TopicPartition, Gap.Range> lost = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long first = earliest.getOrDefault(partition, 0L);
            Long start = from.get(partition);
            if (start != null && start < first) {
                lost.put(partition, new Gap.Range(start, first));
            }
            // a partition the client did not know (new since) is read from its start
            reached.put(partition, start == null ? first : Math.max(start, first));
        }
        if (!lost.isEmpty()) {
            subscriber.gap(gap(Gap.RETENTION, lost));
        }
        Freshness freshness = new Freshness(config.rememberedSubjects());
        Counter skipped = null;
        long deadline = System.nanoTime() + config.replayDeadline().toNanos();
        int failures = 0;
        try (Consumer<String, byte[]> catchUp = consumer()) {
            catchUp.assign(partitions);
            reached.forEach(catchUp::seek);
            while (!subscriber.closed() && System.nanoTime() < deadline && behind(reached, ends)) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = catchUp.poll(Duration.ofMillis(200));
                    failures = 0;
                } catch (WakeupException | InterruptException e) {
                    throw new InterruptedException("stopping");
                } catch (RuntimeException e) {
                    failures++;
                    LOG.warnf("Replay of a resuming client could not read (%s); trying again", e.getMessage());
                    Thread.sleep(Math.min(backoff.delay(failures).toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    reached.put(partition, record.offset() + 1);
                    CloudEvent event;
                    String json;
                    try {
                        event = ChangeEvents.envelope(record);
                        json = CloudEventJson.of(event);
                    } catch (RuntimeException e) {
                        if (skipped == null) {
                            skipped = undecodable(record.topic());
                        }
                        skipped.increment();
                        LOG.warnf("Replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                        continue;
                    }
                    subscriber.replay(new StreamEvent(partition, record.offset(), event.getType(), event.getSubject(), json,
                            !freshness.fresh(record.topic(), event)));
                }
                // The relays publish in transactions: each ends with a commit marker that takes an offset
                // and is never returned as a record, so how far the replay got is the consumer's position.
                for (TopicPartition partition : partitions) {
                    reached.merge(partition, Math.min(catchUp.position(partition), ends.get(partition)), Math::max);
                }
            }
        }
        if (subscriber.closed()) {
            return;
        }
        Map<TopicPartition, Gap.Range> unreached = new HashMap<>();
        reached.forEach((partition, offset) -> {
            if (offset < ends.get(partition)) {
                unreached.put(partition, new Gap.Range(offset, ends.get(partition)));
            }
        });
        if (!unreached.isEmpty()) {
            LOG.warnf("Replay of a resuming client did not finish in %s; it is told of the gap %s", config.replayDeadline(), unreached);
            subscriber.gap(gap(Gap.REPLAY_DEADLINE, unreached));
        }
    }

    private Gap gap(String reason, Map<TopicPartition, Gap.Range> partitions) {
        Set<String> collections = new java.util.TreeSet<>();
        for (TopicPartition partition : partitions.keySet()) {
            // civic.<service>.v1 is the topic of the upstream named <service>
            String[] parts = partition.topic().split("\\.");
            GatewayConfig.Upstream upstream = parts.length > 1 ? gateway.upstreams().get(parts[1]) : null;
            if (upstream != null) {
                collections.addAll(upstream.paths());
            }
        }
        return new Gap(reason, partitions, collections);
    }

    private static boolean behind(Map<TopicPartition, Long> reached, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().anyMatch(e -> reached.get(e.getKey()) < e.getValue());
    }

    private Map<TopicPartition, Long> earliestOffsets(List<TopicPartition> partitions) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.earliest()));
        Map<TopicPartition, Long> earliest = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> earliest.put(tp, info.offset()));
        return earliest;
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
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
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
