package org.civicregistry.gateway.stream;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.cloudevents.CloudEvent;

/**
 * Tells a change that moves a record forward from a repeat or a stale one. Delivery from the
 * services is at least once (an outbox relay resends a batch after a partial failure), so the same
 * change, or an older version of a record, can follow a newer one on a topic; every change carries
 * its record's version in {@code data.version}, and a version at or below the highest already seen
 * for that subject adds nothing. Bounded: the subjects least recently changed are forgotten first.
 * Not thread-safe; each reader of a topic keeps its own.
 */
public final class Freshness {

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, Integer> highest;

    public Freshness(int subjects) {
        this.highest = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > subjects;
            }
        };
    }

    /** True when the change is new; a change without a subject or version is always new. */
    public boolean fresh(String topic, CloudEvent event) {
        OptionalInt version = version(event);
        if (event.getSubject() == null || version.isEmpty()) {
            return true;
        }
        String key = topic + ' ' + event.getSubject();
        Integer seen = highest.get(key);
        if (seen != null && seen >= version.getAsInt()) {
            return false;
        }
        highest.put(key, version.getAsInt());
        return true;
    }

    /**
     * The record version a change carries in its data, if any. Streams the top level of the data to
     * its {@code version} field instead of building a tree of the whole snapshot: every change
     * reaching the gateway passes here twice (stream and webhooks).
     */
    public static OptionalInt version(CloudEvent event) {
        if (event.getData() == null) {
            return OptionalInt.empty();
        }
        try (JsonParser parser = JSON.createParser(event.getData().toBytes())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return OptionalInt.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("version")) {
                    return value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                            ? OptionalInt.of(parser.getIntValue())
                            : OptionalInt.empty();
                }
                parser.skipChildren();
            }
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
