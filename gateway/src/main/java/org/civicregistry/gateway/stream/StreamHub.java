package org.civicregistry.gateway.stream;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.routing.Problems;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
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
 * sends {@code Last-Event-ID} is first replayed what it missed by a consumer of its own.
 */
@ApplicationScoped
public class StreamHub {

    private static final Logger LOG = Logger.getLogger(StreamHub.class);
    public static final String PATH = "/api/v1/stream";

    private final GatewayConfig.Stream config;
    private final Map<String, Object> kafkaConfig;
    private final Vertx vertx;
    private final Map<String, TopicFeed> feeds = new HashMap<>();
    private Admin admin;

    public StreamHub(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Vertx vertx) {
        this.config = config.stream();
        this.kafkaConfig = kafkaConfig;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        admin = Admin.create(connection(Map.of()));
        for (String topic : config.topics()) {
            TopicFeed feed = new TopicFeed(topic, consumer(), new Freshness(config.rememberedSubjects()));
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

    /** Reads what the client missed, from its positions up to the end offsets taken when it came back. */
    private void replay(Subscriber subscriber, Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends) {
        subscriber.startAt(from);
        List<TopicPartition> partitions = ends.keySet().stream().toList();
        Freshness freshness = new Freshness(config.rememberedSubjects());
        try (KafkaConsumer<String, CloudEvent> catchUp = consumer()) {
            catchUp.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long start = from.get(partition);
                if (start == null) {
                    catchUp.seekToBeginning(List.of(partition));
                } else {
                    catchUp.seek(partition, start);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!subscriber.closed() && System.nanoTime() < deadline && behind(catchUp, ends)) {
                for (ConsumerRecord<String, CloudEvent> record : catchUp.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.value() == null || record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    subscriber.replay(new StreamEvent(partition, record.offset(), record.value().getType(),
                            record.value().getSubject(), CloudEventJson.of(record.value()), !freshness.fresh(record.topic(), record.value())));
                }
            }
        }
    }

    private static boolean behind(KafkaConsumer<String, CloudEvent> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
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

    private KafkaConsumer<String, CloudEvent> consumer() {
        return new KafkaConsumer<>(connection(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")), new StringDeserializer(), new CloudEventDeserializer());
    }

    private Map<String, Object> connection(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        props.putAll(extra);
        return props;
    }
}
