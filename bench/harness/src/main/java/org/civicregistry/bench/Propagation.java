package org.civicregistry.bench;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.sun.net.httpserver.HttpServer;

/**
 * Section 2: events written through the gateway at a steady rate; the time from each 201 to its
 * receipt by a Kafka consumer of civic.events.v1, by an SSE client of the gateway and by a webhook
 * receiver registered on the gateway. Then the same rate as bare Kafka produce → consume on the same
 * broker: what the outbox path adds is the difference.
 */
final class Propagation {

    private static final String TOPIC = "civic.events.v1";
    private static final String BARE_TOPIC = "bench.bare.v1";

    private final Platform platform;
    private final Api api;
    private final Results.Builder results;
    private final int webhookPort;
    private volatile InputStream sseBody;

    Propagation(Platform platform, Api api, Results.Builder results, int webhookPort) {
        this.platform = platform;
        this.api = api;
        this.results = results;
        this.webhookPort = webhookPort;
    }

    void run(int writes, int perSecond, Duration tail) throws Exception {
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> byKafka = new ConcurrentHashMap<>();
        Map<String, Long> bySse = new ConcurrentHashMap<>();
        Map<String, Long> byWebhook = new ConcurrentHashMap<>();
        AtomicLong writeErrors = new AtomicLong();

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 64);
        receiver.createContext("/hook", exchange -> {
            long at = System.nanoTime();
            try (InputStream body = exchange.getRequestBody()) {
                byWebhook.putIfAbsent(Api.JSON.readTree(body).path("subject").asText(), at);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        String webhookId = registerWebhook();

        Thread sse = new Thread(() -> followSse(bySse), "bench-sse");
        sse.setDaemon(true);
        sse.start();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread.sleep(1000); // the SSE subscription and the webhook consumer settle

            ScheduledExecutorService writer = Executors.newScheduledThreadPool(2);
            long periodNanos = 1_000_000_000L / perSecond;
            AtomicLong sent = new AtomicLong();
            writer.scheduleAtFixedRate(() -> {
                if (sent.incrementAndGet() > writes) {
                    return;
                }
                api.http().sendAsync(api.createEvent(platform.gateway()), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, failure) -> {
                            long at = System.nanoTime();
                            if (failure == null && response.statusCode() == 201) {
                                try {
                                    created.put(Api.id(response.body()), at);
                                } catch (IOException e) {
                                    writeErrors.incrementAndGet();
                                }
                            } else {
                                writeErrors.incrementAndGet();
                            }
                        });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);

            long deadline = System.nanoTime() + Duration.ofSeconds(writes / perSecond + 1).plus(tail).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    byKafka.putIfAbsent(record.key(), System.nanoTime());
                }
                if (sent.get() > writes && created.size() + writeErrors.get() >= writes
                        && byKafka.keySet().containsAll(created.keySet()) && bySse.keySet().containsAll(created.keySet())
                        && byWebhook.keySet().containsAll(created.keySet())) {
                    break;
                }
            }
            writer.shutdownNow();
        } finally {
            if (sseBody != null) {
                sseBody.close();
            }
            if (webhookId != null) {
                // Disabled again, so the bulk loads of the growth section do not queue a million deliveries.
                api.http().send(api.delete(platform.gateway().resolve("/api/v1/webhooks/" + webhookId)),
                        HttpResponse.BodyHandlers.discarding());
            }
            receiver.stop(0);
        }
        if (writeErrors.get() > 0) {
            results.errors.add("propagation: " + writeErrors.get() + " of " + writes + " writes failed");
        }
        results.propagation.add(result("Kafka consumer (civic.events.v1)", writes, created, byKafka));
        results.propagation.add(result("SSE client of the gateway", writes, created, bySse));
        results.propagation.add(result("webhook receiver", writes, created, byWebhook));
        results.propagation.add(bareKafka(writes, perSecond, tail));
    }

    private String registerWebhook() throws IOException, InterruptedException {
        HttpResponse<String> response = api.http().send(api.post(platform.gateway().resolve("/api/v1/webhooks"),
                "{\"url\": \"http://localhost:" + webhookPort + "/hook\", \"topics\": [\"" + TOPIC + "\"],"
                        + " \"description\": \"bench/run propagation receiver\"}"),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            results.errors.add("webhook registration answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        return Api.id(response.body());
    }

    /** Reads the gateway's stream until {@link #sseBody} is closed. */
    private void followSse(Map<String, Long> received) {
        HttpRequest request = HttpRequest.newBuilder(platform.gateway().resolve("/api/v1/stream?topics=" + TOPIC))
                .header("Accept", "text/event-stream").build();
        try {
            sseBody = api.http().send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
            BufferedReader lines = new BufferedReader(new InputStreamReader(sseBody, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:")) {
                    long at = System.nanoTime();
                    received.putIfAbsent(Api.JSON.readTree(line.substring(5)).path("subject").asText(), at);
                }
            }
        } catch (IOException closed) {
            // closed by run() at the end of the section
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Results.Propagation result(String receiver, int sent, Map<String, Long> from, Map<String, Long> to) {
        double[] millis = from.entrySet().stream().filter(e -> to.containsKey(e.getKey()))
                .mapToDouble(e -> (to.get(e.getKey()) - e.getValue()) / 1e6).toArray();
        return new Results.Propagation(receiver, sent, millis.length, Stats.latency(millis));
    }

    /** The same rate straight through the broker: idempotent producer, acks=all, as the relay sends. */
    private Results.Propagation bareKafka(int messages, int perSecond, Duration tail) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(BARE_TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", bootstrap());
        producerProps.put("acks", "all");
        producerProps.put("enable.idempotence", "true");
        producerProps.put("linger.ms", "0");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        byte[] payload = "x".repeat(1200).getBytes(StandardCharsets.UTF_8); // about an event snapshot's size
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                partitions.add(new TopicPartition(BARE_TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            producer.send(new ProducerRecord<>(BARE_TOPIC, "warm-up", payload)).get(); // connection and producer id
            long periodNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            int produced = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(messages / perSecond + 1).plus(tail).toNanos();
            while (System.nanoTime() < deadline && (produced < messages || receivedAt.size() < messages)) {
                while (produced < messages && System.nanoTime() >= next) {
                    String key = UUID.randomUUID().toString();
                    sentAt.put(key, System.nanoTime());
                    producer.send(new ProducerRecord<>(BARE_TOPIC, key, payload));
                    produced++;
                    next += periodNanos;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(1))) {
                    if (sentAt.containsKey(record.key())) {
                        receivedAt.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        }
        return result("bare Kafka produce → consume (same broker)", messages, sentAt, receivedAt);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap());
        props.put("enable.auto.commit", "false");
        props.put("fetch.max.wait.ms", "10");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private String bootstrap() {
        return "localhost:" + platform.ports().kafka();
    }
}
