package org.civicregistry.commons.kafka;

/**
 * How large one change may be, end to end. A write whose snapshot is over {@link #MAX_DATA_BYTES} is
 * refused with a 422 problem before it commits ({@code ChangeRecorder}); the topics and producers
 * take records up to {@link #TOPIC_MAX_MESSAGE_BYTES}, which leaves room for the envelope (CloudEvents
 * headers, key, batch overhead: under 1 KiB in practice). So no accepted write can produce an event
 * the broker refuses. Before this bound an agreement grown item by item passed the broker's default
 * of 1 MiB and stopped its service's stream for good.
 */
public final class RecordLimits {

    /** The largest snapshot (event data) of one record, in bytes of UTF-8 JSON: 1 MiB. */
    public static final int MAX_DATA_BYTES = 1024 * 1024;

    /** {@code max.message.bytes} of the topics and {@code max.request.size} of the producers: the data bound plus 64 KiB. */
    public static final int TOPIC_MAX_MESSAGE_BYTES = MAX_DATA_BYTES + 64 * 1024;

    private RecordLimits() {
    }
}
