package org.civicregistry.gateway.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.civicregistry.commons.kafka.Backoff;
import org.civicregistry.commons.kafka.ChangeEvents;
import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;

/**
 * What a resuming client missed, read for it by one of the hub's replay threads: from its positions
 * to the ends taken when it came back, on a Kafka consumer reused between replays, bounded by
 * {@code replay-deadline} and {@code replay-max-events}, with a {@link Gap} wherever it cannot be
 * given everything.
 */
final class Replayer {

    private static final Logger LOG = Logger.getLogger(Replayer.class);

    /** The earliest offsets the topics still keep; may throw as the admin client does. */
    interface Earliest {
        Map<TopicPartition, Long> apply(List<TopicPartition> partitions) throws InterruptedException, ExecutionException;
    }

    private final GatewayConfig config;
    private final GatewayConfig.Stream stream;
    private final Supplier<Backoff> backoffs;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Earliest earliest;
    private final Function<String, Counter> undecodable;
    /** Replay consumers not in use; never more than max-replays exist, since each runs under a slot. */
    private final BlockingQueue<Consumer<String, byte[]>> idle = new LinkedBlockingQueue<>();

    Replayer(GatewayConfig config, Supplier<Backoff> backoffs, Supplier<Consumer<String, byte[]>> consumers, Earliest earliest,
            Function<String, Counter> undecodable) {
        this.config = config;
        this.stream = config.stream();
        this.backoffs = backoffs;
        this.consumers = consumers;
        this.earliest = earliest;
        this.undecodable = undecodable;
    }

    /**
     * Reads what the client missed, from its positions up to the end offsets taken when it came back.
     * A position the topic no longer keeps is announced as a gap and the replay starts at the earliest
     * offset kept; so is what the replay has not reached by its deadline.
     */
    void replay(Subscriber subscriber, Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException {
        subscriber.startAt(from);
        List<TopicPartition> partitions = ends.keySet().stream().toList();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> kept = earliest.apply(partitions);
        Map<TopicPartition, Long> reached = new HashMap<>();
        Map<TopicPartition, Gap.Range> lost = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long first = kept.getOrDefault(partition, 0L);
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
        Freshness freshness = new Freshness(stream.rememberedSubjects());
        Counter skipped = null;
        long deadline = System.nanoTime() + stream.replayDeadline().toNanos();
        Backoff backoff = backoffs.get();
        int read = 0;
        Consumer<String, byte[]> catchUp = idle.poll();
        if (catchUp == null) {
            catchUp = consumers.get();
        }
        boolean reusable = false;
        try {
            catchUp.assign(partitions);
            reached.forEach(catchUp::seek);
            while (!subscriber.closed() && System.nanoTime() < deadline && read < stream.replayMaxEvents() && behind(reached, ends)) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = catchUp.poll(Duration.ofMillis(200));
                    backoff.reset();
                } catch (WakeupException | InterruptException e) {
                    throw new InterruptedException("stopping");
                } catch (RuntimeException e) {
                    LOG.warnf("Replay of a resuming client could not read (%s); trying again", e.getMessage());
                    Thread.sleep(Math.min(backoff.next().toMillis(), Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition) || read >= stream.replayMaxEvents()) {
                        continue;
                    }
                    read++;
                    reached.put(partition, record.offset() + 1);
                    CloudEvent event;
                    String json;
                    try {
                        event = ChangeEvents.envelope(record);
                        json = CloudEventJson.of(event);
                    } catch (RuntimeException e) {
                        if (skipped == null) {
                            skipped = undecodable.apply(record.topic());
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
                if (read < stream.replayMaxEvents()) {
                    for (TopicPartition partition : partitions) {
                        reached.merge(partition, Math.min(catchUp.position(partition), ends.get(partition)), Math::max);
                    }
                }
            }
            catchUp.assign(List.of());
            reusable = true;
        } finally {
            if (reusable) {
                idle.offer(catchUp);
            } else {
                catchUp.close(Duration.ofSeconds(1));
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
            boolean limit = read >= stream.replayMaxEvents();
            LOG.warnf("Replay of a resuming client stopped at %s; it is told of the gap %s",
                    limit ? read + " records" : "its deadline " + stream.replayDeadline(), unreached);
            subscriber.gap(gap(limit ? Gap.REPLAY_LIMIT : Gap.REPLAY_DEADLINE, unreached));
        }
    }

    private Gap gap(String reason, Map<TopicPartition, Gap.Range> partitions) {
        Set<String> collections = new java.util.TreeSet<>();
        for (TopicPartition partition : partitions.keySet()) {
            // civic.<service>.v1 is the topic of the upstream named <service>
            String[] parts = partition.topic().split("\\.");
            GatewayConfig.Upstream upstream = parts.length > 1 ? config.upstreams().get(parts[1]) : null;
            if (upstream != null) {
                collections.addAll(upstream.paths());
            }
        }
        return new Gap(reason, partitions, collections);
    }

    private static boolean behind(Map<TopicPartition, Long> reached, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().anyMatch(e -> reached.get(e.getKey()) < e.getValue());
    }

    void close() {
        idle.forEach(c -> c.close(Duration.ofSeconds(1)));
    }
}
