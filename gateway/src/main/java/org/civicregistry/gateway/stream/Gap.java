package org.civicregistry.gateway.stream;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The SSE message {@code event: gap}: changes a resuming client missed that this stream cannot send
 * it, because the topic no longer keeps them ({@code retention}) or the replay did not reach them in
 * time ({@code replay-deadline}) or within the records one replay may read ({@code replay-limit}). Per partition, {@code from} is the first change missed and
 * {@code to} the first one the stream goes on with; {@code refetch} says how to get the records
 * changed meanwhile. Documented in the OpenAPI description of the stream and the municipal guide.
 *
 * @param collections the API collections behind the topics, for the refetch hint
 */
record Gap(String reason, Map<TopicPartition, Range> partitions, Set<String> collections) {

    static final String EVENT = "gap";
    static final String RETENTION = "retention";
    static final String REPLAY_DEADLINE = "replay-deadline";
    static final String REPLAY_LIMIT = "replay-limit";

    /** Offsets {@code from} (inclusive) to {@code to} (exclusive) of a partition. */
    record Range(long from, long to) {
    }

    String json() {
        Set<String> topics = new TreeSet<>();
        JsonObject ranges = new JsonObject();
        new TreeMap<String, Range>(partitions.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.getKey().topic() + "/" + e.getKey().partition(), Map.Entry::getValue))).forEach((key, range) -> {
                    ranges.put(key, new JsonObject().put("from", range.from()).put("to", range.to()));
                });
        partitions.keySet().forEach(p -> topics.add(p.topic()));
        String where = collections.isEmpty() ? "the collections of these topics" : String.join(", ", collections);
        return new JsonObject()
                .put("reason", reason)
                .put("topics", new JsonArray(topics.stream().toList()))
                .put("partitions", ranges)
                .put("refetch", "GET " + where + " with updatedSince=<time of the last change you applied>, then go on with this stream")
                .encode();
    }
}
