package org.civicregistry.gateway.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.civicregistry.commons.kafka.Backoff;
import org.civicregistry.commons.kafka.ChangeEvents;
import org.civicregistry.commons.tracing.TraceContext;
import org.civicregistry.commons.worker.Worker;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;

/**
 * The one consumer of a topic in this gateway instance: it reads new records (from the end at
 * start, no consumer group) and hands each to every subscriber of the topic. Subscribers never
 * block it; each has its own queue.
 * <p>
 * It never stops before the gateway does: after any failure (Kafka not there yet at start, a
 * broker gone, anything else) it logs, waits ({@link Backoff}), makes a new consumer if it has to,
 * and goes on from the next offset it had not handed out yet, not from the end, so a connected
 * subscriber misses nothing. A record that is not a CloudEvent is skipped and counted
 * ({@code civic.gateway.stream.undecodable}).
 */
final class TopicFeed {

    private static final Logger LOG = Logger.getLogger(TopicFeed.class);

    private final String topic;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Backoff backoff;
    private final Counter undecodable;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final Freshness freshness;
    /** The next offset to hand out, per partition; only this feed's thread touches it. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private volatile Consumer<String, byte[]> consumer;
    private final Worker worker;
    /** Kept across a failure: the subscribers' end offsets are taken over these. */
    private volatile List<TopicPartition> partitions = List.of();

    TopicFeed(String topic, Supplier<Consumer<String, byte[]>> consumers, Freshness freshness, Backoff backoff,
            Counter undecodable) {
        this.topic = topic;
        this.consumers = consumers;
        this.freshness = freshness;
        this.backoff = backoff;
        this.undecodable = undecodable;
        this.worker = new Worker("stream-" + topic, this::wakeConsumer);
    }

    String topic() {
        return topic;
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    void add(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    void remove(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    void start() {
        worker.start(this::run);
    }

    void stop() {
        worker.stop(Duration.ofSeconds(2));
    }

    /** Ends a poll under way; between consumers (after a failure) there is none to wake. */
    private void wakeConsumer() {
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        int failures = 0;
        boolean assigned = false;
        try {
            while (worker.running()) {
                try {
                    if (consumer == null) {
                        consumer = consumers.get();
                        assigned = false;
                    }
                    if (!assigned) {
                        assigned = assign();
                        if (!assigned) {
                            Worker.pause(Duration.ofSeconds(1)); // the topic is not there (yet)
                            continue;
                        }
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        handle(record);
                        next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                    }
                    failures = 0;
                    backoff.reset();
                } catch (WakeupException | InterruptException e) {
                    if (!worker.running()) {
                        break;
                    }
                } catch (RuntimeException e) {
                    failures++;
                    Duration wait = backoff.next();
                    LOG.errorf(e, "Stream of %s failed (%d in a row); going on from where it was in %d ms", topic, failures,
                            wait.toMillis());
                    closeConsumer();
                    Worker.pause(wait);
                }
            }
        } finally {
            closeConsumer();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = ChangeEvents.envelope(record);
        } catch (ChangeEvents.Undecodable e) {
            skip(record, e.getMessage());
            return;
        }
        boolean stale = !freshness.fresh(record.topic(), event);
        if (subscribers.isEmpty()) {
            return; // seen (freshness above), but nobody to serialize it for
        }
        String json;
        try {
            json = CloudEventJson.of(event);
        } catch (RuntimeException e) {
            skip(record, "cannot be written as JSON: " + e.getMessage());
            return;
        }
        StreamEvent streamed = new StreamEvent(new TopicPartition(record.topic(), record.partition()), record.offset(),
                event.getType(), event.getSubject(), json, stale);
        // what the trace shows of the stream: the change handed to this replica's SSE subscribers
        Span span = TraceContext.tracer().spanBuilder(topic + " fan-out").setParent(TraceContext.of(event).parentContext())
                .setAttribute("civic.stream.subscribers", subscribers.size()).startSpan();
        try {
            subscribers.forEach(s -> s.offer(streamed));
        } finally {
            span.end();
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        undecodable.increment();
        LOG.warnf("Stream of %s skips %s-%d@%d: %s", topic, record.topic(), record.partition(), record.offset(), reason);
    }

    /**
     * Assigns every partition of the topic, once the topic exists: each from the offset this feed
     * reached before a failure, a partition it never read from its end.
     */
    private boolean assign() {
        List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(assigned);
        for (TopicPartition partition : assigned) {
            Long offset = next.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToEnd(List.of(partition));
                next.put(partition, consumer.position(partition, Duration.ofSeconds(5)));
            }
        }
        partitions = assigned;
        LOG.infof("Streaming %s (%d partitions)", topic, assigned.size());
        return true;
    }

    private void closeConsumer() {
        Consumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debugf("Closing the consumer of %s: %s", topic, e.getMessage());
            }
        }
    }
}
