package org.civicregistry.commons.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

/**
 * A client's place in the streams it follows: the next offset of every partition. Sent as the SSE
 * id of each message, so {@code Last-Event-ID} tells exactly where to resume; a service states one
 * where its snapshot downloads end, so a client follows the stream from there.
 */
public final class StreamPositions {

    private StreamPositions() {
    }

    public static String encode(Map<TopicPartition, Long> next) {
        StringBuilder text = new StringBuilder();
        new TreeMap<String, Long>(Map.copyOf(toStrings(next))).forEach((key, offset) -> {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(key).append('=').append(offset);
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the id is not one this gateway issued */
    public static Map<TopicPartition, Long> decode(String id) {
        Map<TopicPartition, Long> positions = new java.util.HashMap<>();
        String text = new String(Base64.getUrlDecoder().decode(id.strip()), StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return positions;
        }
        for (String entry : text.split(";")) {
            int equals = entry.lastIndexOf('=');
            int slash = entry.lastIndexOf('/', equals);
            if (equals < 0 || slash < 0) {
                throw new IllegalArgumentException("not a stream position");
            }
            long offset = Long.parseLong(entry.substring(equals + 1));
            int partition = Integer.parseInt(entry.substring(slash + 1, equals));
            if (offset < 0 || partition < 0) {
                throw new IllegalArgumentException("not a stream position");
            }
            positions.put(new TopicPartition(entry.substring(0, slash), partition), offset);
        }
        return positions;
    }

    private static Map<String, Long> toStrings(Map<TopicPartition, Long> next) {
        Map<String, Long> strings = new java.util.HashMap<>();
        next.forEach((tp, offset) -> strings.put(tp.topic() + "/" + tp.partition(), offset));
        return strings;
    }
}
