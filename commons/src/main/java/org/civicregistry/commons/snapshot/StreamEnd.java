package org.civicregistry.commons.snapshot;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;

/** Where a topic ends, read once its transactions are complete: the position a download states. */
final class StreamEnd {

    static final Duration POLL = Duration.ofMillis(10);

    private final Admin admin;
    private final List<TopicPartition> partitions;

    private StreamEnd(Admin admin, List<TopicPartition> partitions) {
        this.admin = admin;
        this.partitions = partitions;
    }

    /** The topic's partitions, or a 503 if Kafka does not answer before {@code deadline}. */
    static StreamEnd of(Admin admin, String topic, long deadline) {
        try {
            return new StreamEnd(admin, admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(remaining(deadline), TimeUnit.NANOSECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "Kafka cannot be reached, so a download cannot say"
                    + " where in the stream it ends; retry in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping();
        }
    }

    /**
     * The partitions' ends once every transaction on them is complete: the relay's commit returns
     * before Kafka has written its markers, and until then the read-committed end lags the last batch.
     * Null if that takes longer than {@code until}.
     */
    Map<TopicPartition, Long> committed(long until) {
        try {
            while (true) {
                Map<TopicPartition, Long> committed = ends(IsolationLevel.READ_COMMITTED, until);
                Map<TopicPartition, Long> written = ends(IsolationLevel.READ_UNCOMMITTED, until);
                if (committed.equals(written)) {
                    return committed;
                }
                if (System.nanoTime() + POLL.toNanos() > until) {
                    return null;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (ExecutionException | TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping();
        }
    }

    private Map<TopicPartition, Long> ends(IsolationLevel isolation, long until)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(remaining(until), TimeUnit.NANOSECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** {@code civic.officials.v1/0=12,civic.officials.v1/1=7}: the position for a Kafka client. */
    static String describe(Map<TopicPartition, Long> end) {
        Map<String, Long> sorted = new TreeMap<>();
        end.forEach((tp, offset) -> sorted.put(tp.topic() + "/" + tp.partition(), offset));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    static ProblemException stopping() {
        return new ProblemException(ProblemType.UNAVAILABLE, "The service is stopping.");
    }
}
