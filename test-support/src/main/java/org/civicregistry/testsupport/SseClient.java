package org.civicregistry.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A plain Server-Sent Events client, as a browser's EventSource behaves: messages with id, event and data. */
public final class SseClient implements AutoCloseable {

    public record Message(String id, String event, String data) {
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile String lastId;
    private volatile Stream<String> lines;

    public SseClient(String url, String lastEventId) {
        this(url, lastEventId, Map.of());
    }

    /** With extra request headers, such as an API key of its own for the gateway's rate limit. */
    public SseClient(String url, String lastEventId, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        // Read on a thread of its own: a plain thenAccept may run in the thread that calls status(),
        // which would then read the endless stream instead of returning.
        response.thenAcceptAsync(r -> {
            lines = r.body();
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (id != null) {
                            lastId = id;
                        }
                        if (!data.isEmpty()) {
                            messages.add(new Message(id, event, data.toString()));
                        }
                        id = null;
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }, task -> {
            Thread reader = new Thread(task, "sse-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    public int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The id of the last message (or position) received: what an EventSource would resume from. */
    public String lastId() {
        return lastId;
    }

    /** Waits until {@code count} messages arrived (or the timeout), and returns them. */
    public List<Message> take(int count, Duration timeout) throws InterruptedException {
        List<Message> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (taken.size() < count) {
            Message message = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                break;
            }
            taken.add(message);
        }
        return taken;
    }

    /** Messages that arrived within {@code wait}, beyond those taken. */
    public List<Message> drain(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        List<Message> rest = new ArrayList<>();
        messages.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        response.cancel(true);
        if (lines != null) {
            lines.close();
        }
    }
}
