package org.civicregistry.gateway.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * One SSE client. It keeps the next offset of every partition it follows; an event below that is
 * one it already has (or one from before it subscribed) and is dropped, so a resume that replays
 * history while live events arrive gives no gap and no duplicate. Writes happen on the client's
 * own event-loop context; a client that falls too far behind is disconnected, and may resume.
 * Where a resume cannot be exact (the topic no longer keeps what the client missed), the client is
 * sent a {@link Gap} first: never a silent hole.
 */
final class Subscriber {

    private final Context context;
    private final HttpServerResponse response;
    private final Set<String> topics;
    private final Predicate<StreamEvent> filter;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final List<StreamEvent> held = new ArrayList<>();
    private volatile boolean live;
    private volatile boolean closed;

    Subscriber(Context context, HttpServerResponse response, Set<String> topics, Predicate<StreamEvent> filter, int maxQueued) {
        this.context = context;
        this.response = response;
        this.topics = topics;
        this.filter = filter;
        this.maxQueued = maxQueued;
    }

    Set<String> topics() {
        return topics;
    }

    boolean closed() {
        return closed;
    }

    /** A live event from a topic feed: held until the subscriber knows where it starts. */
    synchronized void offer(StreamEvent event) {
        if (closed) {
            return;
        }
        if (!live) {
            held.add(event);
            return;
        }
        accept(event);
    }

    /** An event read while catching up from a resume position. */
    synchronized void replay(StreamEvent event) {
        accept(event);
    }

    /** From here on live events go straight out; the ones held meanwhile are sent first, without repeats. */
    synchronized void goLive(Map<TopicPartition, Long> start) {
        start.forEach(next::putIfAbsent);
        write(": civic registry stream\nretry: 2000\nid: " + Positions.encode(next) + "\n\n");
        live = true;
        held.forEach(this::accept);
        held.clear();
    }

    /**
     * Tells the client that the changes between {@code from} and {@code to} of some partitions will
     * not come (see {@link Gap}); its position moves past them, so a reconnect does not announce the
     * same gap again. Sent before any change after the gap.
     */
    synchronized void gap(Gap gap) {
        gap.partitions().forEach((partition, range) -> next.merge(partition, range.to(), Math::max));
        write("id: " + Positions.encode(next) + "\nevent: " + Gap.EVENT + "\ndata: " + gap.json() + "\n\n");
    }

    synchronized void startAt(Map<TopicPartition, Long> positions) {
        next.putAll(positions);
    }

    synchronized Long position(TopicPartition partition) {
        return next.get(partition);
    }

    /** Only once live: an earlier write would send the headers, and the client would think it is positioned. */
    void heartbeat() {
        if (live) {
            write(": heartbeat\n\n");
        }
    }

    void close() {
        closed = true;
        context.runOnContext(v -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    void closedByClient() {
        closed = true;
    }

    private void accept(StreamEvent event) {
        Long expected = next.get(event.partition());
        if (expected != null && event.offset() < expected) {
            return;
        }
        next.put(event.partition(), event.offset() + 1);
        if (event.stale() || !filter.test(event)) {
            return;
        }
        write("id: " + Positions.encode(next) + "\nevent: " + event.type() + "\ndata: " + event.json() + "\n\n");
    }

    private void write(String text) {
        if (closed) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            // Too slow: let it go rather than hold memory for it; it resumes with Last-Event-ID.
            close();
            return;
        }
        context.runOnContext(v -> {
            queued.decrementAndGet();
            if (!response.ended() && !response.closed()) {
                response.write(text);
            }
        });
    }
}
