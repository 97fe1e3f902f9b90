package org.civicregistry.gateway.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;

/**
 * The one consumer of a topic in this gateway instance: it reads new records (from the end at
 * start, no consumer group) and hands each to every subscriber of the topic. Subscribers never
 * block it; each has its own queue.
 */
final class TopicFeed implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicFeed.class);

    private final String topic;
    private final KafkaConsumer<String, CloudEvent> consumer;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    private final Freshness freshness;
    private volatile boolean running = true;
    private volatile List<TopicPartition> partitions = List.of();

    TopicFeed(String topic, KafkaConsumer<String, CloudEvent> consumer, Freshness freshness) {
        this.topic = topic;
        this.consumer = consumer;
        this.freshness = freshness;
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

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (partitions.isEmpty() && !discover()) {
                    Thread.sleep(1000);
                    continue;
                }
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    boolean stale = !freshness.fresh(record.topic(), record.value());
                    if (subscribers.isEmpty()) {
                        continue; // seen (freshness above), but nobody to serialize it for
                    }
                    StreamEvent event = new StreamEvent(new TopicPartition(record.topic(), record.partition()), record.offset(),
                            record.value().getType(), record.value().getSubject(), CloudEventJson.of(record.value()), stale);
                    subscribers.forEach(s -> s.offer(event));
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stream of %s stopped", topic);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Assigns every partition of the topic, from its end, once the topic exists. */
    private boolean discover() {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(5));
        List<PartitionInfo> infos = topics.get(topic);
        if (infos == null || infos.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        assigned.forEach(tp -> consumer.position(tp, Duration.ofSeconds(5)));
        partitions = assigned;
        LOG.infof("Streaming %s (%d partitions)", topic, assigned.size());
        return true;
    }
}
