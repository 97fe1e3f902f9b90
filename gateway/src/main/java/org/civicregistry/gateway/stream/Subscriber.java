package org.civicregistry.gateway.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;
import org.civicregistry.commons.kafka.StreamPositions;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * One SSE client. It keeps the next offset of every partition it follows; an event below that is
 * one it already has (or one from before it subscribed) and is dropped, so a resume that replays
 * history while live events arrive gives no gap and no duplicate. Writes happen on the client's
 * own event-loop context; a client that falls too far behind is disconnected, and may resume.
 * Where a resume cannot be exact (the topic no longer keeps what the client missed), the client is
 * sent a {@link Gap} first: never a silent hole.
 * <p>
 * "Too far behind" counts what the connection has not taken yet, not only what waits for the event
 * loop: a write stays unsent until Netty handed it to the socket, so a client that stops reading
 * (its TCP window closed) holds at most {@code maxUnsentBytes} of the gateway's memory.
 */
final class Subscriber {

    static final String OVERFLOW = "overflow";
    /** After the overflow event, how long a client that does not read is given before its connection is closed. */
    private static final long GRACE_MILLIS = 5_000;

    private final Context context;
    private final HttpServerResponse response;
    private final Set<String> topics;
    private final Predicate<StreamEvent> filter;
    private final int maxQueued;
    private final long maxUnsentBytes;
    private final Counter overflows;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong unsentBytes = new AtomicLong();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final List<StreamEvent> held = new ArrayList<>();
    private volatile boolean live;
    private volatile boolean closed;

    Subscriber(Context context, HttpServerResponse response, Set<String> topics, Predicate<StreamEvent> filter, int maxQueued,
            long maxUnsentBytes, Counter overflows) {
        this.context = context;
        this.response = response;
        this.topics = topics;
        this.filter = filter;
        this.maxQueued = maxQueued;
        this.maxUnsentBytes = maxUnsentBytes;
        this.overflows = overflows;
    }

    Set<String> topics() {
        return topics;
    }

    boolean closed() {
        return closed;
    }

    /** Bytes written to this client that its connection has not taken yet. */
    long unsentBytes() {
        return unsentBytes.get();
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
        write(": civic registry stream\nretry: 2000\nid: " + StreamPositions.encode(next) + "\n\n");
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
        write("id: " + StreamPositions.encode(next) + "\nevent: " + Gap.EVENT + "\ndata: " + gap.json() + "\n\n");
    }

    synchronized void startAt(Map<TopicPartition, Long> positions) {
        next.putAll(positions);
    }

    synchronized Long position(TopicPartition partition) {
        return next.get(partition);
    }

    /** Only once live: an earlier write would send the headers, and the client would think it is positioned. */
    synchronized void heartbeat() {
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
        write("id: " + StreamPositions.encode(next) + "\nevent: " + event.type() + "\ndata: " + event.json() + "\n\n");
    }

    private void write(String text) {
        if (closed) {
            return;
        }
        Buffer bytes = Buffer.buffer(text);
        long unsent = unsentBytes.addAndGet(bytes.length());
        int waiting = queued.incrementAndGet();
        if (waiting > maxQueued || unsent > maxUnsentBytes) {
            // Too slow: let it go rather than hold memory for it; it resumes with Last-Event-ID.
            unsentBytes.addAndGet(-bytes.length());
            queued.decrementAndGet();
            overflow(waiting, unsent);
            return;
        }
        context.runOnContext(v -> send(bytes));
    }

    /** Counted as unsent until the connection took the bytes (the write's future completes when Netty wrote them). */
    private void send(Buffer bytes) {
        if (response.ended() || response.closed()) {
            sent(bytes.length());
            return;
        }
        response.write(bytes).onComplete(done -> sent(bytes.length()));
    }

    private void sent(int length) {
        unsentBytes.addAndGet(-length);
        queued.decrementAndGet();
    }

    /**
     * The last message, after everything queued before it: why the stream ends and where to resume
     * (its id is the position past every change sent before it). A client that does not read even
     * that loses the connection after a grace period, so its buffers are freed either way.
     */
    private void overflow(int waiting, long unsent) {
        closed = true;
        overflows.increment();
        String data = new JsonObject()
                .put("reason", "slow-client")
                .put("unsentBytes", unsent).put("maxUnsentBytes", maxUnsentBytes)
                .put("queuedEvents", waiting).put("maxQueuedEvents", maxQueued)
                .put("resume", "Reconnect with Last-Event-ID set to the id of this message (EventSource does so by itself)"
                        + " and read faster; nothing before it is lost.")
                .encode();
        Buffer last = Buffer.buffer("id: " + StreamPositions.encode(next) + "\nevent: " + OVERFLOW + "\ndata: " + data + "\n\n");
        unsentBytes.addAndGet(last.length());
        queued.incrementAndGet();
        context.runOnContext(v -> {
            if (response.ended() || response.closed()) {
                sent(last.length());
                return;
            }
            response.write(last).onComplete(done -> sent(last.length()));
            response.end();
            context.owner().setTimer(GRACE_MILLIS, t -> {
                if (!response.closed()) {
                    response.close();
                }
            });
        });
    }
}
